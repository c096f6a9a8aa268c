package org.visawaiver.impact.scenario;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.visawaiver.impact.scenario.ScenarioFixtures.POOLED;
import static org.visawaiver.impact.scenario.ScenarioFixtures.TERMS;
import static org.visawaiver.impact.scenario.ScenarioFixtures.spec;

import java.util.List;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.junit.jupiter.api.Test;
import org.visawaiver.impact.config.InputException;
import org.visawaiver.impact.estimate.result.ModelResult;
import org.visawaiver.impact.scenario.summary.Quantiles;
import org.visawaiver.impact.scenario.transfer.RegimeTerm;

class EffectSamplerTest {
  /** Variances 0.01, 0.04, 0.04: precisions 100, 25, 25, so weights 100/150, 25/150, 25/150. */
  @Test
  void pooledWeightsAreInverseVariances() {
    ModelResult m = ScenarioFixtures.model(new double[] {0.3, 0.2, 0.4, 0, 0, 0}, new double[] {0.01, 0.04, 0.04, 1, 1, 1});
    assertArrayEquals(new double[] {2.0 / 3, 1.0 / 6, 1.0 / 6}, EffectSampler.pooledWeights(m, POOLED), 1e-12);
  }

  /** The pooled effect per draw is the weighted mean of the drawn coefficients: its mean and variance. */
  @Test
  void pooledDrawsHaveTheWeightedMeanAndVariance() {
    ModelResult m = ScenarioFixtures.model(new double[] {0.3, 0.2, 0.4, 0, 0, 0}, new double[] {0.01, 0.04, 0.04, 1, 1, 1});
    EffectSampler.EffectDraws e = EffectSampler.draw(new EffectSource.Pooled(), 200_000, m, POOLED, new Well19937c(9));
    double[] logs = java.util.Arrays.stream(e.effect(RegimeTerm.VISA_REQUIRED, 30)).map(Math::log1p).toArray();
    // stay 30 days: ln(30/30) = 0, so log(1 + effect) = pooled coefficient
    double mean = (2.0 / 3) * 0.3 + (1.0 / 6) * 0.2 + (1.0 / 6) * 0.4; // 0.3
    double variance = (4.0 / 9) * 0.01 + (1.0 / 36) * 0.04 * 2; // 0.006667
    assertEquals(mean, java.util.Arrays.stream(logs).average().orElseThrow(), 0.001);
    assertEquals(variance, new org.apache.commons.math3.stat.descriptive.moment.Variance().evaluate(logs), 0.0002);
    assertEquals("ppml pooled (VNM 0.667, THA 0.167, LAO 0.167)", e.label(RegimeTerm.VISA_REQUIRED, 30));
  }

  /** exp(b_waiver + b_stay x ln(stay/30)) - 1 with (almost) no uncertainty. */
  @Test
  void borrowedEffectUsesTheStayTerm() {
    ModelResult m = ScenarioFixtures.model(new double[] {0.3, 0.2, 0.4, 0.1, 0.5, 0}, new double[] {1e-14, 1, 1, 1, 1e-14, 1});
    EffectSampler.EffectDraws e = EffectSampler.draw(new EffectSource.Borrowed("VNM"), 100, m, POOLED, new Well19937c(1));
    double expected = Math.exp(0.3 + 0.5 * Math.log(45 / 30.0)) - 1;
    for (double x : e.effect(RegimeTerm.VISA_REQUIRED, 45)) {
      assertEquals(expected, x, 1e-5);
    }
    assertEquals("ppml waiver:VNM, stay 45 days", e.label(RegimeTerm.VISA_REQUIRED, 45));
  }

  @Test
  void jointDrawsKeepTheCovariance() {
    ModelResult m = ScenarioFixtures.model();
    EffectSampler.EffectDraws e = EffectSampler.draw(new EffectSource.Borrowed("VNM"), 100_000, m, POOLED, new Well19937c(4));
    // fixture: correlation 0.3 between waiver:VNM and stay_log
    assertEquals(0.3, new PearsonsCorrelation().correlation(e.theta(), e.others().get("stay_log")), 0.01);
  }

  /**
   * effect-from = predictive: log(1 + effect) follows the Bayesian predictive with tau integrated
   * out (half-normal(0.5) prior), so the draws' p10, p50 and p90 are R's quadrature of case
   * sample_v1 (src/test/resources/transfer/tau_posterior_reference.csv) within Monte Carlo error
   * (sd of a p10 estimate with 100,000 draws: about 0.006 sd = 0.002 log points).
   */
  @Test
  void predictiveDrawsSpanTheBayesianPredictiveInterval() {
    ModelResult m =
        ScenarioFixtures.model(new double[] {0.188, 0.441, 0.505, 0, 0.12, 0},
            new double[] {0.024 * 0.024, 0.016 * 0.016, 0.019 * 0.019, 1, 0.016 * 0.016, 1});
    EffectSampler.EffectDraws e = EffectSampler.draw(new EffectSource.Predictive(), 100_000, m, POOLED, new Well19937c(5));
    double[] logs = java.util.Arrays.stream(e.effect(RegimeTerm.VISA_REQUIRED, 30)).map(Math::log1p).toArray();
    double[] q = Quantiles.of(logs, Quantiles.P10_P50_P90);
    assertEquals(-0.0337089368536, q[0], 0.01);
    assertEquals(0.378647644295, q[1], 0.01);
    assertEquals(0.790149947193, q[2], 0.01);
    // wider than the DerSimonian-Laird band 0.163 to 0.594, which treats tau2 = 0.0211 as known
    assertTrue(q[2] - q[0] > 1.5 * (0.5940893856185787 - 0.16337731907220135));
    assertTrue(e.label(RegimeTerm.VISA_REQUIRED, 30).startsWith(
        "ppml predictive (Bayesian random effects over VNM THA LAO, tau ~ half-normal(0.5): tau median 0.2416,"),
        e.label(RegimeTerm.VISA_REQUIRED, 30));
  }

  /** A singular (semi-definite) covariance: two perfectly correlated estimates, rank 1. */
  @Test
  void semiDefiniteCovarianceIsDrawnOnItsSubspace() {
    JointNormalSampler s = new JointNormalSampler(new double[] {1, 2}, new double[][] {{0.04, 0.08}, {0.08, 0.16}});
    assertEquals(1, s.rank());
    double[][] x = s.draw(1000, new Well19937c(2));
    for (int d = 0; d < 1000; d++) {
      assertEquals(2 * (x[0][d] - 1), x[1][d] - 2, 1e-9); // second = 2 x first, as the covariance says
    }
    JointNormalSampler zero = new JointNormalSampler(new double[] {1, 2}, new double[2][2]);
    assertEquals(0, zero.rank());
    assertArrayEquals(new double[] {1, 1, 1}, zero.draw(3, new Well19937c(2))[0]);
  }

  @Test
  void indefiniteCovarianceIsAnInputError() {
    double[][] v = new double[6][6];
    for (int i = 0; i < 6; i++) {
      v[i][i] = 0.01;
    }
    v[0][4] = v[4][0] = 0.05; // |correlation| 5 > 1
    ModelResult m = new ModelResult("ppml", TERMS, new double[6], v);
    InputException e =
        assertThrows(InputException.class,
            () -> EffectSampler.draw(new EffectSource.Borrowed("VNM"), 10, m, POOLED, new Well19937c(1)));
    assertTrue(e.getMessage().startsWith("estimates: model ppml, terms [waiver:VNM, stay_log]: covariance matrix"
        + " is not positive semi-definite"), e.getMessage());
  }

  @Test
  void zeroVarianceCannotBePooled() {
    ModelResult m = ScenarioFixtures.model(new double[] {0.3, 0.2, 0.4, 0, 0, 0}, new double[] {0.01, 0, 0.04, 1, 1, 1});
    InputException e = assertThrows(InputException.class, () -> EffectSampler.pooledWeights(m, POOLED));
    assertEquals(
        "estimates: model ppml gives waiver:THA the variance 0.0; inverse-variance pooling needs positive"
            + " variances; use effect-from = THA or a number; no scenarios were projected",
        e.getMessage());
  }

  @Test
  void fixedEffectNeedsNoModelAndDrawsNothing() {
    Well19937c rng = new Well19937c(1);
    EffectSampler.EffectDraws e = EffectSampler.draw(new EffectSource.Fixed(-0.1), 5, null, POOLED, rng);
    assertArrayEquals(new double[] {Math.expm1(-0.1), Math.expm1(-0.1), Math.expm1(-0.1), Math.expm1(-0.1), Math.expm1(-0.1)},
        e.effect(RegimeTerm.VISA_ON_ARRIVAL, 45), 0.0); // the number is the whole effect
    assertEquals(new Well19937c(1).nextLong(), rng.nextLong()); // no random number consumed
  }

  @Test
  void estimatedEffectWithoutModelIsReported() {
    ScenarioSpec s = spec("p", List.of("KOR"), new EffectSource.Pooled(), 0, 1, 5, 1);
    InputException e = assertThrows(InputException.class, () -> EffectSampler.check(s, null, POOLED));
    assertEquals(
        "estimates: no model was fitted, but scenario p (effect-from = pooled) borrows an estimated effect;"
            + " configure estimate.models or give effect-from as a number; no scenarios were projected",
        e.getMessage());
  }
}
