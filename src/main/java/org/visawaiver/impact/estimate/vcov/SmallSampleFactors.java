package org.visawaiver.impact.estimate.vcov;

import java.util.List;

/**
 * fixest's small-sample factors as a pure function of n, K, the clusters and the {@code ssc()}
 * options (see docs/estimation.md). With K = k + counted fixed-effect parameters:
 *
 * <ul>
 *   <li>adj: (n - 1)/(n - K) when on, else 1;
 *   <li>iid: adj; hetero: adj · n/(n - 1) when cluster.adj (so n/(n - K) by default);
 *   <li>clustered: adj · G/(G - 1), G the smallest cluster count ("min") or each signed term's own
 *       count ("conventional", see {@link #termFactor});
 *   <li>degrees of freedom of t: G_min - 1 (t.df "min", clustered), else n - K; infinite (normal)
 *       for PPML, as fixest's fepois.
 * </ul>
 */
public final class SmallSampleFactors {
  /** Which variance the factors are for. */
  public enum Kind { IID, HETERO, CLUSTER }

  private SmallSampleFactors() {}

  /**
   * @param clusters G of each cluster dimension (empty unless {@code kind} is CLUSTER)
   * @param normal true when the statistics are normal (PPML), false for t (OLS)
   */
  public static SmallSampleCorrection of(Kind kind, long n, int k, FixedEffectCount fe,
      List<Long> clusters, SscOptions ssc, boolean normal) {
    long feParams = fe.counted(ssc.fixefK());
    long bigK = k + feParams;
    double adj = ssc.adj() ? (n - 1.0) / (n - bigK) : 1.0;
    double clusterAdj = 1.0;
    double df = n - bigK;
    if (kind == Kind.HETERO && ssc.clusterAdj()) {
      clusterAdj = n / (n - 1.0);
    }
    if (kind == Kind.CLUSTER) {
      if (clusters.isEmpty()) {
        throw new IllegalArgumentException("a clustered variance needs at least one dimension");
      }
      long gmin = clusters.stream().mapToLong(Long::longValue).min().getAsLong();
      if (ssc.clusterAdj() && ssc.clusterDf() == SscOptions.ClusterDf.MIN) {
        clusterAdj = gmin / (gmin - 1.0);
      }
      if (ssc.tDf() == SscOptions.TDf.MIN) {
        df = gmin - 1.0;
      }
    }
    List<String> nested =
        ssc.fixefK() == SscOptions.FixefK.NESTED ? fe.nested() : List.of();
    return new SmallSampleCorrection(n, k, feParams, nested,
        kind == Kind.CLUSTER ? clusters : List.of(), adj, clusterAdj,
        normal ? Double.POSITIVE_INFINITY : df);
  }

  /**
   * Factor of one signed cluster term with {@code groups} clusters, applied before the terms are
   * summed: G/(G - 1) under cluster.df "conventional" (with cluster.adj), else 1 (the "min" factor
   * is in {@link SmallSampleCorrection#clusterAdjustment()}).
   */
  public static double termFactor(long groups, SscOptions ssc) {
    return ssc.clusterAdj() && ssc.clusterDf() == SscOptions.ClusterDf.CONVENTIONAL
        ? groups / (groups - 1.0) : 1.0;
  }
}
