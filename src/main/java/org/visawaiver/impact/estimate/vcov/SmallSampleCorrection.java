package org.visawaiver.impact.estimate.vcov;

import java.util.List;

/**
 * The small-sample factors a variance was scaled with, stored so that any standard error can be
 * reproduced by hand or against R fixest (its {@code ssc()} defaults: adj = TRUE, fixef.K =
 * "nested", cluster.adj = TRUE, cluster.df = "min").
 *
 * @param n observations
 * @param k slope coefficients estimated
 * @param fixedEffectParameters fixed-effect parameters counted in K: Σ levels - (dimensions - 1),
 *     less (levels - 1) for each fixed effect nested in a cluster dimension
 * @param nestedFixedEffects fixed effects not counted because they are nested in a cluster
 * @param clusters G per cluster dimension (empty when not clustered)
 * @param adjustment (n - 1)/(n - K) for iid and clustered, n/(n - K) for hetero
 * @param clusterAdjustment G_min/(G_min - 1) when clustered, else 1
 * @param residualDf degrees of freedom of t statistics (OLS): G_min - 1 when clustered, else n -
 *     K; infinite for PPML (normal distribution)
 */
public record SmallSampleCorrection(
    long n,
    int k,
    long fixedEffectParameters,
    List<String> nestedFixedEffects,
    List<Long> clusters,
    double adjustment,
    double clusterAdjustment,
    double residualDf) {
  public SmallSampleCorrection {
    nestedFixedEffects = List.copyOf(nestedFixedEffects);
    clusters = List.copyOf(clusters);
  }

  /** K = k + fixed-effect parameters. */
  public long bigK() {
    return k + fixedEffectParameters;
  }

  /** The factor the raw variance was multiplied by. */
  public double factor() {
    return adjustment * clusterAdjustment;
  }
}
