package org.visawaiver.impact.scenario.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RandomEffectsSummaryTest {
  /**
   * The sample's default PPML waiver estimates (coefficients.csv of a run, rounded): VNM 0.188 (SE
   * 0.024), THA 0.441 (0.016), LAO 0.505 (0.019). By hand (Python, double precision):
   *
   * <pre>
   *   w = 1/v = 1736.1111, 3906.25, 2770.0831;  S1 = 8412.444214, S2 = 25946231.25
   *   ybar = 0.4098615121;  Q = sum w (y - ybar)^2 = 114.3162449, df 2, p = exp(-Q/2) = 1.5016e-25
   *   tau2 = (Q - 2) / (S1 - S2/S1) = 0.02107967854
   *   w* = 1/(v + tau2);  W = 139.6874272;  mu = 0.3787333523;  se_mu = 1/sqrt(W) = 0.08460993099
   *   I2 = (Q - 2)/Q = 98.25046738 %;  predictive sd = sqrt(se_mu^2 + tau2) = 0.1680432056
   *   p10, p90 = mu -/+ 1.281551566 sd = 0.1633773191, 0.5940893856 (effect +17.75 %, +81.14 %)
   * </pre>
   */
  @Test
  void derSimonianLairdEqualsTheHandComputation() {
    RandomEffectsSummary s =
        RandomEffectsSummary.derSimonianLaird(
            new double[] {0.188, 0.441, 0.505}, new double[] {0.024 * 0.024, 0.016 * 0.016, 0.019 * 0.019});
    assertEquals(114.31624490853224, s.q(), 1e-9);
    assertEquals(2, s.qDf());
    assertEquals(1.5015604548258887e-25, s.qPValue(), 1e-33);
    assertEquals(0.021079678541492033, s.tau2(), 1e-12);
    assertEquals(0.37873335234539, s.mu(), 1e-12);
    assertEquals(0.0846099309884988, s.seMu(), 1e-12);
    assertEquals(98.25046737530589, s.i2Pct(), 1e-9);
    assertEquals(0.1680432056447703, s.predictiveSd(), 1e-12);
    assertEquals(0.16337731907220135, s.predictiveQuantile(0.1), 1e-9);
    assertEquals(0.5940893856185787, s.predictiveQuantile(0.9), 1e-9);
    double total = 0;
    for (double w : s.weights()) {
      total += w;
    }
    assertEquals(1, total, 1e-12);
  }

  /** Equal estimates: Q = 0, tau2 = 0, I2 = 0, mu the inverse-variance mean, p-value 1. */
  @Test
  void homogeneousEstimatesHaveNoBetweenVariance() {
    RandomEffectsSummary s = RandomEffectsSummary.derSimonianLaird(new double[] {0.3, 0.3}, new double[] {0.01, 0.04});
    assertEquals(0, s.q(), 1e-15);
    assertEquals(0, s.tau2(), 0);
    assertEquals(0, s.i2Pct(), 0);
    assertEquals(1, s.qPValue(), 1e-12);
    assertArrayEquals(new double[] {0.8, 0.2}, s.weights(), 1e-12);
    assertEquals(Math.sqrt(1 / (100 + 25.0)), s.seMu(), 1e-12);
  }

  @Test
  void oneEstimateOrAZeroVarianceIsRejected() {
    IllegalArgumentException one =
        assertThrows(IllegalArgumentException.class,
            () -> RandomEffectsSummary.derSimonianLaird(new double[] {0.3}, new double[] {0.01}));
    assertEquals("a random-effects summary needs at least two estimates with one variance each; found 1 estimates"
        + " and 1 variances", one.getMessage());
    IllegalArgumentException zero =
        assertThrows(IllegalArgumentException.class,
            () -> RandomEffectsSummary.derSimonianLaird(new double[] {0.3, 0.2}, new double[] {0.01, 0}));
    assertEquals("estimate 1 = 0.2 with variance 0.0: a random-effects summary needs finite estimates and"
        + " positive, finite variances", zero.getMessage());
  }
}
