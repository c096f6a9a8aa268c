package org.visawaiver.impact.estimate.inference;

/**
 * What identifies one coefficient and its few-cluster inference (NaN where not computed).
 *
 * @param term the coefficient
 * @param bootPValue bootstrap p-value of H0: b = 0 (WCR for OLS, score bootstrap for PPML)
 * @param bootLow 95% bootstrap interval, low end (WCR test inversion for OLS, score bootstrap-t
 *     for PPML)
 * @param bootHigh high end
 * @param treatedClusters clusters in which the regressor varies (-1 without one-way clustering)
 * @param effectiveClusters G* of Carter, Schnepel and Steigerwald (2017)
 * @param jackknifeStdError leave-one-cluster-out jackknife (CV3) standard error
 *     ({@link ClusterJackknife}); +infinity when the term cannot be estimated without one of the
 *     clusters
 */
public record TermInference(String term, double bootPValue, double bootLow, double bootHigh,
    int treatedClusters, double effectiveClusters, double jackknifeStdError) {
  public static TermInference none(String term) {
    return new TermInference(term, Double.NaN, Double.NaN, Double.NaN, -1, Double.NaN,
        Double.NaN);
  }

  public boolean hasInterval() {
    return !Double.isNaN(bootLow) && !Double.isNaN(bootHigh);
  }
}
