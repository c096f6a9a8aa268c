package org.visawaiver.impact.estimate.vcov;

import java.util.List;

/**
 * One signed term of a multiway cluster-robust meat (Cameron, Gelbach and Miller 2011): the
 * clusters are the intersections of {@code dimensions}, and the term enters with {@code sign}
 * (+1 for an odd number of dimensions, -1 for an even one), so k-way clustering is the sum over
 * the 2^k - 1 non-empty subsets.
 *
 * @param dimensions cluster dimensions intersected (names)
 * @param sign +1 or -1
 * @param groups clusters with observations
 * @param meat Σ_g s_g s_g' over those clusters (k x k)
 */
public record ClusterTerm(List<String> dimensions, int sign, long groups, double[][] meat) {
  public ClusterTerm {
    dimensions = List.copyOf(dimensions);
    meat = Matrices.copy(meat);
  }

  @Override
  public double[][] meat() {
    return Matrices.copy(meat);
  }
}
