package org.visawaiver.impact.estimate.spec;

import com.typesafe.config.Config;
import java.util.List;

/**
 * The {@code estimate.bootstrap} and {@code estimate.interval} configuration.
 *
 * @param draws B: bootstrap draws (Rademacher weights are enumerated instead when 2^G <= B)
 * @param seed seed of the random weights
 * @param weights auto (Rademacher enumerated when 2^G <= B, Webb six-point otherwise) | rademacher
 *     | webb
 * @param terms which terms get a bootstrap p-value and interval: waiver (the waiver terms) | all |
 *     none
 * @param restrictedPpml PPML p-value from the restricted score bootstrap at the exact restricted
 *     estimate (one refit per term, Kline and Santos 2012 as boottest; the default); false: at
 *     the one-step restricted estimate the interval inverts (no refit, approximate)
 * @param maxClusters bootstrap only when the clusters are at most this many (the cost grows with
 *     G² per draw); more clusters make the cluster-robust interval reliable anyway
 * @param spreadClusters OLS with fixed effects not nested in the clusters: exact WCR (each
 *     cluster's part of a_j demeaned on its own: one demeaning of G columns per term) when there
 *     are at most this many clusters; above it the bootstrap runs on the regression with the
 *     fixed effects partialled out
 * @param interval which interval ci_low/ci_high hold and scenarios draw from: cluster |
 *     cluster_bc | cluster_bc_t | jackknife | jackknife_bc | wild_bootstrap
 */
public record BootstrapSettings(int draws, long seed, String weights, String terms,
    boolean restrictedPpml, int maxClusters, int spreadClusters, String interval) {
  public static final String RADEMACHER = "rademacher";
  public static final String WEBB = "webb";
  public static final String AUTO = "auto";
  public static final String CLUSTER = "cluster";
  public static final String CLUSTER_BC = "cluster_bc";
  public static final String WILD_BOOTSTRAP = "wild_bootstrap";
  public static final String CLUSTER_BC_T = "cluster_bc_t";
  public static final String JACKKNIFE = "jackknife";
  public static final String JACKKNIFE_BC = "jackknife_bc";
  public static final List<String> INTERVALS = List.of(CLUSTER, CLUSTER_BC, CLUSTER_BC_T,
      JACKKNIFE, JACKKNIFE_BC, WILD_BOOTSTRAP);

  public BootstrapSettings {
    if (draws < 99) {
      throw new EstimationException("estimate.bootstrap.draws must be at least 99, found " + draws
          + "; the bootstrap p-values would be too coarse; nothing was estimated");
    }
    if (!List.of(AUTO, RADEMACHER, WEBB).contains(weights)) {
      throw new EstimationException("estimate.bootstrap.weights must be auto, rademacher or webb, found \""
          + weights + "\"; nothing was estimated");
    }
    if (!List.of("waiver", "all", "none").contains(terms)) {
      throw new EstimationException("estimate.bootstrap.terms must be waiver, all or none, found \""
          + terms + "\"; nothing was estimated");
    }
    if (!INTERVALS.contains(interval)) {
      throw new EstimationException("estimate.interval must be one of " + INTERVALS + ", found \""
          + interval + "\"; nothing was estimated");
    }
  }

  /** Reads estimate.bootstrap.* and estimate.interval. */
  public static BootstrapSettings from(Config estimate) {
    Config b = estimate.getConfig("bootstrap");
    return new BootstrapSettings(b.getInt("draws"), b.getLong("seed"), b.getString("weights"),
        b.getString("terms"), b.getBoolean("ppml-restricted-p"), b.getInt("max-clusters"),
        b.getInt("spread-clusters"), estimate.getString("interval"));
  }

  /** Does this term get a bootstrap? */
  public boolean covers(String term, boolean waiverTerm) {
    return terms.equals("all") || (terms.equals("waiver") && waiverTerm);
  }
}
