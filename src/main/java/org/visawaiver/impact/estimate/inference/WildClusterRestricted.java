package org.visawaiver.impact.estimate.inference;

import java.util.Map;

/**
 * Restricted wild cluster bootstrap (WCR; Cameron, Gelbach and Miller 2008; MacKinnon and Webb
 * 2018) of least squares with fixed effects, on per-cluster sums: no refit per draw ("fast and
 * wild", Roodman, MacKinnon, Nielsen and Webb 2019). Under H0: Rβ = r the restricted residuals are
 * ũ = e + X̃δ (δ = β̂ - β̃), and a draw v (one weight per cluster) gives
 * <ul>
 *   <li>the numerator Σ_g v_g c'U_g, U_g = Σ_{i in g} x̃_i ũ_i, c = (X̃'X̃)^-1 R';
 *   <li>the clusters' scores of the refitted residuals S_h(v) = Σ_g K[h,g] v_g with K[h,g] =
 *       1[h=g] c'U_g - (X̃'X̃)^-1 Σ_{i in h} x̃_i x̃_i' c · U_g - Σ_{i in g} ũ_i (P_D(a 1_h))_i,
 *       a = X̃c, P_D the projection on the fixed effects.
 * </ul>
 * The last term (the fixed effects spreading a cluster's residuals into other clusters) is zero
 * when every fixed effect is nested in the clusters; otherwise it comes from {@code spread}
 * (SpreadSums) or, when absent, is left out: the bootstrap of the regression with the fixed
 * effects partialled out. With δ linear in r every quantity is affine in r, so each draw reduces
 * to five numbers and p(r) costs O(B) (test inversion without refits).
 */
public final class WildClusterRestricted {
  private final ClusterMoments sums;
  private final double[][] bread;
  private final double[] beta;
  private final Map<Integer, double[][][]> spread;
  private final BootstrapWeights weights;

  /**
   * @param sums per-cluster sums of the fit
   * @param bread (X̃'X̃)^-1 over the kept regressors
   * @param beta estimates of the kept regressors
   * @param spread [term] -> [h][g][m]: Σ_{i in g} (P_D(a_j 1_h))_i u_mi with a_j = X̃ bread e_j,
   *     u_0 = e, u_m = x̃_{m-1}; empty = fixed effects partialled out (exact when nested)
   * @param weights the draws
   */
  public WildClusterRestricted(ClusterMoments sums, double[][] bread, double[] beta,
      Map<Integer, double[][][]> spread, BootstrapWeights weights) {
    this.sums = sums;
    this.bread = bread;
    this.beta = beta.clone();
    this.spread = Map.copyOf(spread);
    this.weights = weights;
  }

  /** The test of H0: β_j = r for every r (one precomputation over the draws). */
  public TermTest term(int j) {
    int k = beta.length;
    double[] c = Linear.column(bread, j);
    double[] d = new double[k];
    for (int a = 0; a < k; a++) {
      d[a] = c[a] / bread[j][j];
    }
    double[][][] cs = spreadOf(unit(k, j));
    Direction dir = new Direction(c, d, cs);
    int b = weights.count();
    double[] a0 = new double[b];
    double[] a1 = new double[b];
    double[] cc = new double[b];
    double[] cd = new double[b];
    double[] dd = new double[b];
    int gs = sums.clusters();
    double[] k0 = new double[gs];
    double[] k1 = new double[gs];
    for (int t = 0; t < b; t++) {
      double[] v = weights.draws()[t];
      dir.apply(v, k0, k1);
      a0[t] = dir.numerator0(v);
      a1[t] = dir.numerator1(v);
      cc[t] = Linear.dot(k0, k0);
      cd[t] = Linear.dot(k0, k1);
      dd[t] = Linear.dot(k1, k1);
    }
    double se = Math.sqrt(Linear.dot(dir.s0, dir.s0));
    return new TermTest(beta[j], se, a0, a1, cc, cd, dd);
  }

  /**
   * Bootstrap p-value of the Wald test of H0: R β = 0 (rows of R over the kept regressors; never 0,
   * see {@link BootstrapWeights#reported(double)}):
   * W = (Rβ̂)'(Σ_g s_g s_g')^-1 (Rβ̂) against the same statistic of every draw (small-sample factors
   * cancel).
   */
  public double waldPValue(double[][] r) {
    int q = r.length;
    int k = beta.length;
    double[][] c = new double[q][];
    for (int a = 0; a < q; a++) {
      c[a] = Linear.times(bread, r[a]);
    }
    double[][] rbr = new double[q][q];
    for (int a = 0; a < q; a++) {
      for (int e = 0; e < q; e++) {
        rbr[a][e] = Linear.dot(r[a], c[e]);
      }
    }
    double[] rb = Linear.times(r, beta);
    double[] lambda = Linear.times(Linear.inverse(rbr), rb);
    double[] delta = new double[k];
    for (int a = 0; a < q; a++) {
      for (int m = 0; m < k; m++) {
        delta[m] += c[a][m] * lambda[a];
      }
    }
    Direction[] dirs = new Direction[q];
    for (int a = 0; a < q; a++) {
      dirs[a] = new Direction(c[a], delta, spreadOf(r[a]));
    }
    int gs = sums.clusters();
    double[][] meat = new double[q][q];
    for (int g = 0; g < gs; g++) {
      for (int a = 0; a < q; a++) {
        for (int e = 0; e < q; e++) {
          meat[a][e] += dirs[a].s0[g] * dirs[e].s0[g];
        }
      }
    }
    double observed = Linear.quadratic(rb, Linear.inverse(meat), rb);
    double[][] k0 = new double[q][gs];
    double[][] k1 = new double[q][gs];
    int exceed = 0;
    for (double[] v : weights.draws()) {
      double[] num = new double[q];
      for (int a = 0; a < q; a++) {
        dirs[a].apply(v, k0[a], k1[a]);
        num[a] = dirs[a].numerator0(v) + dirs[a].numerator1(v);
      }
      double[][] vs = new double[q][q];
      for (int h = 0; h < gs; h++) {
        for (int a = 0; a < q; a++) {
          double sa = k0[a][h] + k1[a][h];
          for (int e = 0; e < q; e++) {
            vs[a][e] += sa * (k0[e][h] + k1[e][h]);
          }
        }
      }
      double w = Linear.quadratic(num, Linear.inverse(vs), num);
      if (w > observed * (1 + BootstrapWeights.TIE)) {
        exceed++;
      }
    }
    return weights.reported(exceed / (double) weights.count());
  }

  private static double[] unit(int k, int j) {
    double[] e = new double[k];
    e[j] = 1;
    return e;
  }

  /** The spread sums of direction bread R' (linear in R), or null when there are none. */
  private double[][][] spreadOf(double[] r) {
    if (spread.isEmpty()) {
      return null;
    }
    int gs = sums.clusters();
    double[][][] out = new double[gs][gs][beta.length + 1];
    for (int j = 0; j < r.length; j++) {
      if (r[j] == 0) {
        continue;
      }
      double[][][] t = spread.get(j);
      if (t == null) {
        throw new IllegalStateException("no spread sums for regressor " + j + " of the hypothesis");
      }
      for (int h = 0; h < gs; h++) {
        for (int g = 0; g < gs; g++) {
          for (int m = 0; m < t[h][g].length; m++) {
            out[h][g][m] += r[j] * t[h][g][m];
          }
        }
      }
    }
    return out;
  }

  /** One direction c = bread R' under the restriction shift δ = d ρ. */
  private final class Direction {
    final double[] s0;
    final double[] s1;
    final double[][] p;
    final double[][] q;
    final double[][] t0;
    final double[][] t1;

    Direction(double[] c, double[] d, double[][][] sp) {
      int gs = sums.clusters();
      s0 = new double[gs];
      s1 = new double[gs];
      p = new double[gs][];
      q = new double[gs][];
      for (int g = 0; g < gs; g++) {
        q[g] = Linear.times(sums.xx()[g], d);
        s0[g] = Linear.dot(c, sums.xe()[g]);
        s1[g] = Linear.dot(c, q[g]);
        p[g] = Linear.times(bread, Linear.times(sums.xx()[g], c));
      }
      if (sp == null) {
        t0 = null;
        t1 = null;
      } else {
        t0 = new double[gs][gs];
        t1 = new double[gs][gs];
        for (int h = 0; h < gs; h++) {
          for (int g = 0; g < gs; g++) {
            t0[h][g] = sp[h][g][0];
            double s = 0;
            for (int m = 0; m < d.length; m++) {
              s += sp[h][g][m + 1] * d[m];
            }
            t1[h][g] = s;
          }
        }
      }
    }

    double numerator0(double[] v) {
      return Linear.dot(v, s0);
    }

    double numerator1(double[] v) {
      return Linear.dot(v, s1);
    }

    /** out0 = K0 v, out1 = K1 v (K = K0 + ρ K1). */
    void apply(double[] v, double[] out0, double[] out1) {
      int gs = s0.length;
      int k = beta.length;
      double[] xv = new double[k];
      double[] qv = new double[k];
      for (int g = 0; g < gs; g++) {
        double[] xe = sums.xe()[g];
        for (int m = 0; m < k; m++) {
          xv[m] += v[g] * xe[m];
          qv[m] += v[g] * q[g][m];
        }
      }
      for (int h = 0; h < gs; h++) {
        double o0 = s0[h] * v[h] - Linear.dot(p[h], xv);
        double o1 = s1[h] * v[h] - Linear.dot(p[h], qv);
        if (t0 != null) {
          double[] r0 = t0[h];
          double[] r1 = t1[h];
          for (int g = 0; g < gs; g++) {
            o0 -= r0[g] * v[g];
            o1 -= r1[g] * v[g];
          }
        }
        out0[h] = o0;
        out1[h] = o1;
      }
    }
  }

  /**
   * The WCR test of one coefficient at every null value r, with ρ = β̂ - r: t(r) = ρ / se and
   * t*_v(r) = (a0 + ρ a1) / sqrt(cc + 2ρ cd + ρ² dd) (se and the draws' denominators without
   * small-sample factor: it cancels).
   */
  public static final class TermTest {
    private final double estimate;
    private final double se;
    private final double[] a0;
    private final double[] a1;
    private final double[] cc;
    private final double[] cd;
    private final double[] dd;

    TermTest(double estimate, double se, double[] a0, double[] a1, double[] cc, double[] cd,
        double[] dd) {
      this.estimate = estimate;
      this.se = se;
      this.a0 = a0;
      this.a1 = a1;
      this.cc = cc;
      this.cd = cd;
      this.dd = dd;
    }

    /** The bootstrap t statistics at H0: β = r, times 1/sqrt(ssc). */
    public double[] stars(double r, double ssc) {
      double rho = estimate - r;
      double[] t = new double[a0.length];
      for (int b = 0; b < t.length; b++) {
        t[b] = (a0[b] + rho * a1[b])
            / Math.sqrt(ssc * (cc[b] + 2 * rho * cd[b] + rho * rho * dd[b]));
      }
      return t;
    }

    /** The t statistic of H0: β = r, times 1/sqrt(ssc). */
    public double statistic(double r, double ssc) {
      return (estimate - r) / (se * Math.sqrt(ssc));
    }

    /** Symmetric bootstrap p-value of H0: β = r. */
    public double pValue(double r) {
      return BootstrapWeights.exceedShare(stars(r, 1), statistic(r, 1));
    }

    /** The interval {r : p(r) > 1 - level} by test inversion ({@link TestInversion}). */
    public double[] interval(double level) {
      return TestInversion.interval(estimate, se, this::pValue, level);
    }
  }
}
