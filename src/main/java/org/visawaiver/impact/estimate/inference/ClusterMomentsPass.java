package org.visawaiver.impact.estimate.inference;

import org.visawaiver.impact.estimate.demean.FixedEffectKernel;
import org.visawaiver.impact.estimate.exec.Blocks;
import org.visawaiver.impact.estimate.exec.Shared;
import org.visawaiver.impact.estimate.frame.Block;
import org.visawaiver.impact.estimate.ols.WeightedFit;

/**
 * One treeAggregate of per-cluster sums (a vector of clusters x (k² + 3k + 1) entries, per task):
 * Σ w x̃x̃', Σ w x̃ e, rows, and Σ x, Σ x² of each raw regressor (does it vary in the cluster?).
 */
public final class ClusterMomentsPass {
  /** Largest vector summed (32 MB): beyond it the clusters are too many to bootstrap anyway. */
  static final long VECTOR_LIMIT = 1L << 22;

  private ClusterMomentsPass() {}

  /**
   * @param blocks observations with the step's weights
   * @param offsets fixed-effect layout offsets
   * @param xCoef [a] fixed-effect coefficients of kept regressor a (x̃_a = P(x_a - D xCoef[a]))
   * @param idx kept regressors' positions among the blocks' columns
   * @param beta all regressors' estimates (NaN when dropped)
   * @param gamma fixed effects of the outcome net of the regressors (residual e = P(z - Xβ - Dγ),
   *     weighted by w); null: w e = y - exp(η) (PPML at a restricted estimate)
   * @param dim cluster dimension
   * @param levels cluster ids 0..levels-1
   * @return the sums, or null when levels x width exceeds the vector limit
   */
  public static ClusterMoments of(Blocks<Block> blocks, int[] offsets, double[][] xCoef, int[] idx,
      double[] beta, double[] gamma, int dim, int levels) {
    int k = idx.length;
    int width = k * k + 3 * k + 1;
    if ((long) levels * width > VECTOR_LIMIT) {
      return null;
    }
    Shared<double[][]> coef = blocks.share(xCoef);
    Shared<double[]> g = blocks.share(gamma == null ? new double[0] : gamma);
    boolean mean = gamma == null;
    double[] b0 = beta.clone();
    int[] ix = idx.clone();
    double[] sums = blocks.sum(levels * width, (b, acc) -> {
      double[][] xt = new double[k][];
      for (int a = 0; a < k; a++) {
        xt[a] = FixedEffectKernel.residual(b, offsets, b.x[ix[a]], coef.value()[a], 0);
      }
      double[] we = mean ? meanResidual(b) : WeightedFit.residual(b, offsets, b0, g.value());
      long[] ids = b.clusters[dim];
      for (int i = 0; i < b.n; i++) {
        int at = (int) ids[i] * width;
        double w = b.weight(i);
        if (!mean) {
          we[i] *= w;
        }
        for (int a = 0; a < k; a++) {
          double wa = w * xt[a][i];
          for (int c = 0; c < k; c++) {
            acc[at + a * k + c] += wa * xt[c][i];
          }
          acc[at + k * k + a] += xt[a][i] * we[i];
          double raw = b.x[ix[a]][i];
          acc[at + k * k + k + 1 + 2 * a] += raw;
          acc[at + k * k + k + 2 + 2 * a] += raw * raw;
        }
        acc[at + k * k + k] += 1;
      }
    });
    coef.unpersist();
    g.unpersist();
    int used = 0;
    for (int c = 0; c < levels; c++) {
      if (sums[c * width + k * k + k] > 0) {
        used++;
      }
    }
    int[] ids = new int[used];
    long[] rows = new long[used];
    double[][] xx = new double[used][];
    double[][] xe = new double[used][];
    int[] varies = new int[k];
    for (int c = 0, u = 0; c < levels; c++) {
      int at = c * width;
      double n = sums[at + k * k + k];
      if (n == 0) {
        continue;
      }
      ids[u] = c;
      rows[u] = Math.round(n);
      xx[u] = java.util.Arrays.copyOfRange(sums, at, at + k * k);
      xe[u] = java.util.Arrays.copyOfRange(sums, at + k * k, at + k * k + k);
      for (int a = 0; a < k; a++) {
        double s = sums[at + k * k + k + 1 + 2 * a];
        double s2 = sums[at + k * k + k + 2 + 2 * a];
        if (s2 - s * s / n > 1e-10 * s2) {
          varies[a]++;
        }
      }
      u++;
    }
    return new ClusterMoments(k, ids, rows, xx, xe, varies);
  }

  /** y - exp(η) per row (w e of a Poisson step at η). */
  private static double[] meanResidual(Block b) {
    double[] e = new double[b.n];
    for (int i = 0; i < b.n; i++) {
      e[i] = b.y[i] - Math.exp(b.eta[i]);
    }
    return e;
  }
}
