package org.visawaiver.impact.estimate.vcov;

import java.util.List;

/**
 * The per-cluster score sums s_g = Σ_{i in g} w_i x̃_i r_i of one clustering (cluster id to a
 * k-vector), on the driver: G x k numbers, what a wild or score bootstrap reweights. Immutable.
 *
 * @param dimensions cluster dimensions intersected (names)
 * @param ids cluster ids (for two or more dimensions a mixed-radix combination of the ids)
 * @param sums [cluster][regressor], aligned with ids
 */
public record ClusterSums(List<String> dimensions, long[] ids, double[][] sums) {
  public ClusterSums {
    dimensions = List.copyOf(dimensions);
    ids = ids.clone();
    sums = Matrices.copy(sums);
  }

  @Override
  public long[] ids() {
    return ids.clone();
  }

  @Override
  public double[][] sums() {
    return Matrices.copy(sums);
  }

  public int groups() {
    return ids.length;
  }

  /** Σ_g s_g s_g'. */
  public double[][] meat() {
    int k = sums.length == 0 ? 0 : sums[0].length;
    double[][] m = new double[k][k];
    for (double[] s : sums) {
      for (int a = 0; a < k; a++) {
        for (int c = 0; c < k; c++) {
          m[a][c] += s[a] * s[c];
        }
      }
    }
    return m;
  }
}
