package org.visawaiver.impact.estimate.spec;

import java.util.List;

/** How standard errors are computed (fixest's {@code vcov} argument). */
public sealed interface VcovSpec permits VcovSpec.Iid, VcovSpec.Hetero, VcovSpec.Cluster {

  /** Classical: sigma^2 (X'X)^-1 for OLS, the inverse Fisher information for PPML. */
  record Iid() implements VcovSpec {
    @Override
    public String label() {
      return "iid";
    }
  }

  /** Heteroskedasticity-robust sandwich (HC1). */
  record Hetero() implements VcovSpec {
    @Override
    public String label() {
      return "hetero";
    }
  }

  /**
   * Cluster-robust (CR1), one-way or multiway up to {@link #MAX_DIMENSIONS} (Cameron, Gelbach and
   * Miller 2011), as fixest.
   */
  record Cluster(List<FixedEffect> dimensions) implements VcovSpec {
    /** fixest's limit: 2^4 - 1 = 15 signed terms. */
    public static final int MAX_DIMENSIONS = 4;

    public Cluster {
      dimensions = List.copyOf(dimensions);
      if (dimensions.isEmpty() || dimensions.size() > MAX_DIMENSIONS) {
        throw new IllegalArgumentException("cluster() takes 1 to " + MAX_DIMENSIONS
            + " dimensions");
      }
    }

    @Override
    public String label() {
      return "cluster(" + String.join(", ", dimensions.stream().map(FixedEffect::name).toList()) + ")";
    }
  }

  /** As written in the configuration. */
  String label();
}
