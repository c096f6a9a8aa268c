package org.visawaiver.impact.estimate.inference;

import java.util.Arrays;

/**
 * The leave-one-cluster-out jackknife variance CV3 (MacKinnon, Nielsen and Webb 2023, "Cluster-robust
 * inference: a guide to empirical practice", J. Econometrics 232(2); "Fast and reliable jackknife
 * and bootstrap methods for cluster-robust inference", J. Appl. Econometrics 38(5)) from the
 * per-cluster sums of one weighted least-squares step, without a refit:
 *
 * <pre>
 *   H = Σ_g xx_g,   δ_g = (H - xx_g)⁻¹ xe_g   (= β̂ - β̂_(g)),
 *   V_CV3 = (G - 1)/G Σ_g (δ_g - δ̄)(δ_g - δ̄)'   (centred on the mean δ̄, as MNW's CV3).
 * </pre>
 *
 * For least squares whose fixed effects are all nested in the clusters (or without fixed effects)
 * δ_g is exactly the change of the estimate when cluster g is left out and the model refitted
 * (x̃ net of nested fixed effects does not change when a whole cluster goes). With fixed effects
 * not nested in the clusters (e.g. month effects across pairs) and for PPML (the converged IRLS
 * step's weights and working residuals held at the full-sample fit) it is the standard one-step,
 * linearised approximation of the refit: the non-nested fixed effects and the weights are not
 * re-estimated without cluster g.
 *
 * <p>A term that cannot be estimated without some cluster g (H - xx_g singular in its direction,
 * or, when a fixed effect is nested in the clusters, a regressor that varies within at most one
 * cluster: leaving that cluster out leaves it absorbed by the fixed effects, which the one-step
 * with non-nested effects would not show) has an unbounded jackknife variance: its standard error
 * is +infinity.
 */
public final class ClusterJackknife {
  /**
   * A unit vector whose projection on the row space of the diagonal-scaled H - xx_g (eigenvalues
   * below {@link SymmetricInverse#PINV_TOL} of the largest count as zero) is off by this is lost.
   */
  static final double RANGE_TOL = 1e-6;

  private ClusterJackknife() {}

  /**
   * The per-cluster changes of the estimates: [cluster][term] δ_g = (H - xx_g)⁻¹ xe_g, NaN for a
   * term not estimable without cluster g.
   */
  static double[][] deltas(ClusterMoments s) {
    int k = s.k();
    int gs = s.clusters();
    double[] h = new double[k * k];
    for (double[] xx : s.xx()) {
      for (int e = 0; e < h.length; e++) {
        h[e] += xx[e];
      }
    }
    // scale by the full H's diagonal so that the rank tolerance does not depend on units
    double[] d = new double[k];
    for (int a = 0; a < k; a++) {
      double v = h[a * k + a];
      d[a] = v > 0 ? 1 / Math.sqrt(v) : 0;
    }
    double[][] out = new double[gs][];
    for (int g = 0; g < gs; g++) {
      double[][] m = new double[k][k];
      double[] r = new double[k];
      for (int a = 0; a < k; a++) {
        for (int c = 0; c < k; c++) {
          m[a][c] = (h[a * k + c] - s.xx()[g][a * k + c]) * d[a] * d[c];
        }
        r[a] = s.xe()[g][a] * d[a];
      }
      for (int a = 0; a < k; a++) {
        for (int c = 0; c < a; c++) {
          double avg = (m[a][c] + m[c][a]) / 2;
          m[a][c] = avg;
          m[c][a] = avg;
        }
      }
      out[g] = solveScaled(m, r, d);
    }
    return out;
  }

  /**
   * δ = D pinv(M) D xe for the scaled M = D (H - xx_g) D; NaN for terms whose unit vector is not in
   * M's row space (not estimable without the cluster: pinv(M) M e_a differs from e_a).
   */
  private static double[] solveScaled(double[][] m, double[] r, double[] d) {
    int k = r.length;
    double[][] inv = SymmetricInverse.pinv(m);
    double[] x = Linear.times(inv, r);
    for (int a = 0; a < k; a++) {
      double projected = Linear.dot(inv[a], Linear.column(m, a));
      x[a] = d[a] == 0 || Math.abs(projected - 1) > RANGE_TOL ? Double.NaN : x[a] * d[a];
    }
    return x;
  }

  /**
   * V_CV3 (k x k, centred); a term not estimable without some cluster has +infinity on the
   * diagonal and NaN elsewhere in its row and column.
   *
   * @param nestedFixedEffects some fixed effect of the model is nested in the clusters (then a
   *     regressor varying within at most one cluster is absorbed once that cluster is left out)
   */
  public static double[][] variance(ClusterMoments s, boolean nestedFixedEffects) {
    int k = s.k();
    double[][] delta = deltas(s);
    boolean[] lost = new boolean[k];
    for (int a = 0; a < k; a++) {
      lost[a] = nestedFixedEffects && s.varies()[a] <= 1;
    }
    return centred(delta, lost);
  }

  /**
   * (G - 1)/G Σ_g (δ_g - δ̄)(δ_g - δ̄)' from the clusters' changes δ_g ([cluster][term]); a term
   * marked lost, NaN in some δ_g, or with fewer than two clusters gets +infinity on the diagonal
   * and NaN elsewhere in its row and column.
   */
  static double[][] centred(double[][] delta, boolean[] lostTerms) {
    int k = lostTerms.length;
    int gs = delta.length;
    boolean[] lost = lostTerms.clone();
    double[] mean = new double[k];
    for (int a = 0; a < k; a++) {
      lost[a] |= gs < 2;
      for (double[] dg : delta) {
        lost[a] |= Double.isNaN(dg[a]);
        mean[a] += dg[a] / gs;
      }
    }
    double[][] v = new double[k][k];
    for (double[] dg : delta) {
      for (int a = 0; a < k; a++) {
        for (int c = 0; c < k; c++) {
          v[a][c] += (dg[a] - mean[a]) * (dg[c] - mean[c]);
        }
      }
    }
    double f = (gs - 1.0) / gs;
    for (int a = 0; a < k; a++) {
      for (int c = 0; c < k; c++) {
        v[a][c] = lost[a] || lost[c] ? (a == c ? Double.POSITIVE_INFINITY : Double.NaN)
            : v[a][c] * f;
      }
    }
    return v;
  }

  /** Square roots of {@link #variance}'s diagonal (+infinity where unbounded). */
  public static double[] stdErrors(ClusterMoments s, boolean nestedFixedEffects) {
    double[][] v = variance(s, nestedFixedEffects);
    double[] se = new double[v.length];
    Arrays.setAll(se, a -> Math.sqrt(v[a][a]));
    return se;
  }
}
