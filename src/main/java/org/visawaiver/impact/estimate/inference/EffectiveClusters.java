package org.visawaiver.impact.estimate.inference;

/**
 * Effective number of clusters G* of Carter, Schnepel and Steigerwald (2017) for one coefficient:
 * G* = G / (1 + Γ), Γ = (1/G) Σ_g (γ_g - γ̄)² / γ̄², with γ_g the cluster's contribution to the
 * coefficient's variance (S_g², S_g its score Σ_{i in g} w_i a_i e_i, a = X̃ bread e_j). That is
 * G* = (Σ γ_g)² / Σ γ_g²: G when the clusters weigh alike, 1 when one dominates.
 */
public final class EffectiveClusters {
  private EffectiveClusters() {}

  public static double of(double[] scores) {
    double s2 = 0;
    double s4 = 0;
    for (double s : scores) {
      double g = s * s;
      s2 += g;
      s4 += g * g;
    }
    return s4 == 0 ? 0 : s2 * s2 / s4;
  }
}
