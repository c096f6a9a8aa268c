package org.visawaiver.impact.estimate.inference;

/**
 * Per-cluster sums of one weighted least-squares step (the OLS fit, or PPML's converged IRLS
 * step), over the clusters that have observations, in cluster-id order: what the wild and score
 * bootstraps, the effective number of clusters and the treated-cluster counts need. Nothing per
 * observation. (The variance's vcov.ClusterSums holds only the scores xe; the restricted wild
 * bootstrap also needs each cluster's x̃x̃', so one pass gathers both.)
 *
 * @param k regressors (kept ones)
 * @param ids the clusters' ids (cluster g of these sums is id ids[g])
 * @param rows observations of each cluster
 * @param xx [cluster][a * k + b] = Σ_{i in g} w_i x̃_ia x̃_ib (x̃: regressors net of the fixed
 *     effects)
 * @param xe [cluster][a] = Σ_{i in g} w_i x̃_ia e_i (e: residual; for PPML w e = y - μ): the
 *     clusters' scores
 * @param varies [term] clusters in which the raw regressor is not constant
 */
public record ClusterMoments(int k, int[] ids, long[] rows, double[][] xx, double[][] xe, int[] varies) {
  public int clusters() {
    return rows.length;
  }

  public long observations() {
    long n = 0;
    for (long r : rows) {
      n += r;
    }
    return n;
  }

  /** c'xe_g per cluster: the clusters' scores of the direction c (e.g. a bread column). */
  public double[] scores(double[] c) {
    double[] s = new double[rows.length];
    for (int g = 0; g < s.length; g++) {
      s[g] = Linear.dot(c, xe[g]);
    }
    return s;
  }

  /** Share of the observations in each cluster (the score bootstrap's recentring weights). */
  public double[] shares() {
    double n = observations();
    double[] c = new double[rows.length];
    for (int g = 0; g < c.length; g++) {
      c[g] = rows[g] / n;
    }
    return c;
  }
}
