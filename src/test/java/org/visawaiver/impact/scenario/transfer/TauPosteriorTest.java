package org.visawaiver.impact.scenario.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.junit.jupiter.api.Test;

/**
 * The grid posterior of tau and the tau-mixture predictive against R's adaptive quadrature
 * (src/test/resources/transfer/tau_posterior_reference.R, values in tau_posterior_reference.csv).
 */
class TauPosteriorTest {
  /** Grid (2001 trapezoid points) against integrate(rel.tol = 1e-10): log points. */
  private static final double TOLERANCE = 2e-4;

  static final double[] DL_ZERO_B = {0.20, 0.45, 0.50};
  static final double[] DL_ZERO_SE = {0.25, 0.30, 0.28};

  static double[][] cov(double[] se, double rho) {
    double[][] v = new double[se.length][se.length];
    for (int i = 0; i < se.length; i++) {
      for (int j = 0; j < se.length; j++) {
        v[i][j] = (i == j ? 1 : rho) * se[i] * se[j];
      }
    }
    return v;
  }

  static List<String[]> reference() throws Exception {
    try (var in = TauPosteriorTest.class.getResourceAsStream("/transfer/tau_posterior_reference.csv")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1).map(l -> l.split(",")).toList();
    }
  }

  @Test
  void matchesTheIndependentRComputation() throws Exception {
    int checked = 0;
    for (String[] r : reference()) {
      double[] b;
      double[][] v;
      if (r[0].equals("sample_v1")) {
        b = new double[] {0.188, 0.441, 0.505};
        v = cov(new double[] {0.024, 0.016, 0.019}, 0);
      } else {
        b = DL_ZERO_B;
        v = cov(DL_ZERO_SE, 0.3);
      }
      double scale = Double.parseDouble(r[1]);
      TauPosterior p = TauPosterior.of(b, v, scale);
      double[] diag = {v[0][0], v[1][1], v[2][2]};
      assertEquals(Double.parseDouble(r[2]), RandomEffectsSummary.derSimonianLaird(b, diag).tau2(), 1e-10, r[0]);
      assertEquals(Double.parseDouble(r[3]), p.tauQuantile(0.5), TOLERANCE, r[0] + " tau median");
      assertEquals(Double.parseDouble(r[4]), p.muMean(), TOLERANCE, r[0] + " mu");
      double[] probs = {0.025, 0.1, 0.5, 0.9, 0.975};
      NormalMixture pred = p.predictive();
      for (int i = 0; i < probs.length; i++) {
        assertEquals(Double.parseDouble(r[5 + i]), pred.quantile(probs[i]), TOLERANCE, r[0] + " q" + probs[i]);
      }
      checked++;
    }
    assertEquals(3, checked);
  }

  /** Wide, correlated SEs: DerSimonian-Laird gives tau2 = 0, the Bayesian band is still wider. */
  @Test
  void bandIsWiderThanDerSimonianLairdsWhenItsTau2IsZero() {
    double[][] v = cov(DL_ZERO_SE, 0.3);
    RandomEffectsSummary dl =
        RandomEffectsSummary.derSimonianLaird(DL_ZERO_B, new double[] {v[0][0], v[1][1], v[2][2]});
    assertEquals(0, dl.tau2());
    double dlWidth = dl.predictiveQuantile(0.9) - dl.predictiveQuantile(0.1);
    NormalMixture pred = TauPosterior.of(DL_ZERO_B, v, 0.5).predictive();
    double width = pred.quantile(0.9) - pred.quantile(0.1);
    assertTrue(width > 1.5 * dlWidth, width + " vs " + dlWidth); // 0.861 vs 0.406
  }

  /** As the prior scale goes to 0, tau goes to 0 and the band is the fixed-effect (GLS) band. */
  @Test
  void smallPriorScaleRecoversTheFixedEffectBand() {
    double[][] v = cov(DL_ZERO_SE, 0.3);
    // GLS with the full covariance: a = V^-1 1 / 1'V^-1 1, var = 1 / 1'V^-1 1
    double[] w1 = new LUDecomposition(new Array2DRowRealMatrix(v))
        .getSolver().solve(new ArrayRealVector(new double[] {1, 1, 1})).toArray();
    double s11 = w1[0] + w1[1] + w1[2];
    double mu = (w1[0] * DL_ZERO_B[0] + w1[1] * DL_ZERO_B[1] + w1[2] * DL_ZERO_B[2]) / s11;
    NormalDistribution fixed = new NormalDistribution(null, mu, Math.sqrt(1 / s11));
    NormalMixture pred = TauPosterior.of(DL_ZERO_B, v, 1e-6).predictive();
    for (double p : new double[] {0.025, 0.1, 0.5, 0.9, 0.975}) {
      assertEquals(fixed.inverseCumulativeProbability(p), pred.quantile(p), 1e-6, "p = " + p);
    }
    assertEquals(Math.sqrt(1 / s11), pred.sd(), 1e-6);
  }

  @Test
  void rejectsANonPositiveScale() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TauPosterior.of(DL_ZERO_B, cov(DL_ZERO_SE, 0), 0));
    assertEquals("tau prior scale 0.0: the half-normal prior of tau needs a positive, finite scale (log points,"
        + " e.g. 0.5)", e.getMessage());
  }
}
