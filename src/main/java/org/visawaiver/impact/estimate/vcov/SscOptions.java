package org.visawaiver.impact.estimate.vcov;

/**
 * The small-sample options of R fixest's {@code ssc()}, as a value. {@link #FIXEST_DEFAULT} is
 * fixest's default (and this project's): adj = TRUE, fixef.K = "nested", cluster.adj = TRUE,
 * cluster.df = "min", t.df = "min".
 *
 * @param adj multiply by (n - 1)/(n - K)
 * @param fixefK which fixed-effect parameters count in K
 * @param clusterAdj multiply a clustered variance by G/(G - 1) (and a hetero one by n/(n - 1))
 * @param clusterDf which G enters G/(G - 1) in multiway clustering
 * @param tDf degrees of freedom of t statistics when clustered
 */
public record SscOptions(
    boolean adj, FixefK fixefK, boolean clusterAdj, ClusterDf clusterDf, TDf tDf) {

  /** fixef.K: "none", "nested" (fixed effects nested in a cluster not counted), "full". */
  public enum FixefK { NONE, NESTED, FULL }

  /** cluster.df: "min" (the smallest G for every term) or "conventional" (each term's own G). */
  public enum ClusterDf { MIN, CONVENTIONAL }

  /** t.df: "min" (G_min - 1) or "conventional" (n - K). */
  public enum TDf { MIN, CONVENTIONAL }

  public static final SscOptions FIXEST_DEFAULT =
      new SscOptions(true, FixefK.NESTED, true, ClusterDf.MIN, TDf.MIN);
}
