package org.visawaiver.impact.estimate.inference;

import org.visawaiver.impact.estimate.demean.FixedEffectKernel;
import org.visawaiver.impact.estimate.exec.Blocks;
import org.visawaiver.impact.estimate.exec.Shared;
import org.visawaiver.impact.estimate.frame.Block;
import org.visawaiver.impact.estimate.ols.WeightedFit;

/**
 * The restricted score bootstrap of a PPML coefficient at every null value r, for test inversion
 * without a refit per r. The restricted estimate under β_j = r is taken one Newton step from β̂:
 * the other parameters follow x_j's weighted residual z = X̃d (d = bread e_j / bread_jj), so
 * η̃(r) = η̂ - ρz with ρ = β̂_j - r, and the clusters' scores along a = X̃ bread e_j are
 * S_g(ρ) = Σ_{i in g} (y_i - μ̂_i e^{-ρ z_i}) a_i = S_g(0) + Σ_{m=1..6} (-1)^{m+1} ρ^m / m! M_mg,
 * M_mg = Σ_{i in g} μ̂_i a_i z_i^m (one pass for all terms). Then p(r) is the score bootstrap's p-value of those
 * scores (a and the information are kept at β̂: the approximation that makes inversion cheap).
 */
public final class ScoreCurve {
  static final int ORDER = 6;
  private final double estimate;
  private final double se;
  private final double[] s0;
  private final double[][] moments;
  private final double[] shares;
  private final BootstrapWeights weights;

  ScoreCurve(double estimate, double se, double[] s0, double[][] moments, double[] shares,
      BootstrapWeights weights) {
    this.estimate = estimate;
    this.se = se;
    this.s0 = s0;
    this.moments = moments;
    this.shares = shares;
    this.weights = weights;
  }

  /**
   * One pass over the fit's blocks for the given regressors (kept positions): per cluster S_g(0)
   * and M_mg of each.
   *
   * @param sums the fit's cluster moments (ids and shares)
   */
  static ScoreCurve[] of(Blocks<Block> blocks, int[] offsets, double[][] xCoef, int[] idx,
      double[] gamma, double[] beta, double[][] bread, int[] terms, ClusterMoments sums, int dim,
      int levels, BootstrapWeights weights) {
    int k = idx.length;
    int nt = terms.length;
    double[][] c = new double[nt][];
    double[][] d = new double[nt][k];
    for (int t = 0; t < nt; t++) {
      int a = terms[t];
      c[t] = Linear.column(bread, a);
      for (int m = 0; m < k; m++) {
        d[t][m] = c[t][m] / bread[a][a];
      }
    }
    Shared<double[][]> coef = blocks.share(xCoef);
    Shared<double[]> gam = blocks.share(gamma);
    double[] b0 = beta.clone();
    int[] ix = idx.clone();
    int width = (ORDER + 1) * nt;
    double[] acc = blocks.sum(levels * width, (b, out) -> {
      double[][] xt = new double[k][];
      for (int m = 0; m < k; m++) {
        xt[m] = FixedEffectKernel.residual(b, offsets, b.x[ix[m]], coef.value()[m], 0);
      }
      double[] r = WeightedFit.residual(b, offsets, b0, gam.value());
      long[] ids = b.clusters[dim];
      for (int i = 0; i < b.n; i++) {
        double w = b.weight(i);
        for (int t = 0; t < nt; t++) {
          double av = 0;
          double zv = 0;
          for (int m = 0; m < k; m++) {
            av += c[t][m] * xt[m][i];
            zv += d[t][m] * xt[m][i];
          }
          int at = (int) ids[i] * width + t * (ORDER + 1);
          out[at] += w * r[i] * av;
          double term = w * av;
          for (int m = 1; m <= ORDER; m++) {
            term *= zv;
            out[at + m] += term;
          }
        }
      }
    });
    coef.unpersist();
    gam.unpersist();
    int gs = sums.clusters();
    ScoreCurve[] curves = new ScoreCurve[nt];
    for (int t = 0; t < nt; t++) {
      double[] s0 = new double[gs];
      double[][] mo = new double[ORDER][gs];
      for (int g = 0; g < gs; g++) {
        int at = sums.ids()[g] * width + t * (ORDER + 1);
        s0[g] = acc[at];
        for (int m = 1; m <= ORDER; m++) {
          mo[m - 1][g] = acc[at + m];
        }
      }
      curves[t] = new ScoreCurve(beta[idx[terms[t]]], Math.sqrt(Linear.dot(s0, s0)), s0, mo,
          sums.shares(), weights);
    }
    return curves;
  }

  /** S_g at H0: β = r. */
  double[] scores(double r) {
    double rho = estimate - r;
    double[] s = s0.clone();
    double f = 1;
    for (int m = 1; m <= ORDER; m++) {
      f *= rho / m;
      double sign = m % 2 == 1 ? 1 : -1;
      for (int g = 0; g < s.length; g++) {
        s[g] += sign * f * moments[m - 1][g];
      }
    }
    return s;
  }

  public double pValue(double r) {
    double[] s = scores(r);
    return ScoreBootstrap.restrictedPValue(s, shares, weights);
  }

  public double[] interval(double level) {
    return TestInversion.interval(estimate, se, this::pValue, level);
  }
}
