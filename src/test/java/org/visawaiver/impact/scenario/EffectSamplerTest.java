package org.visawaiver.impact.scenario;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.visawaiver.impact.scenario.ScenarioFixtures.POOLED;
import static org.visawaiver.impact.scenario.ScenarioFixtures.TERMS;
import static org.visawaiver.impact.scenario.ScenarioFixtures.spec;

import java.time.YearMonth;
import java.util.List;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.junit.jupiter.api.Test;
import org.visawaiver.impact.config.InputException;
import org.visawaiver.impact.estimate.result.ModelResult;

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
    ScenarioSpec s = spec("p", List.of("KOR"), new EffectSource.Pooled(), 0, 1, 200_000, 9);
    EffectSampler.EffectDraws e = EffectSampler.draw(s, m, POOLED, new Well19937c(9));
    double[] logs = java.util.Arrays.stream(e.effect()).map(Math::log1p).toArray();
    // stay 30 days: ln(30/30) = 0, so log(1 + effect) = pooled coefficient
    double mean = (2.0 / 3) * 0.3 + (1.0 / 6) * 0.2 + (1.0 / 6) * 0.4; // 0.3
    double variance = (4.0 / 9) * 0.01 + (1.0 / 36) * 0.04 * 2; // 0.006667
    assertEquals(mean, java.util.Arrays.stream(logs).average().orElseThrow(), 0.001);
    assertEquals(variance, new org.apache.commons.math3.stat.descriptive.moment.Variance().evaluate(logs), 0.0002);
    assertEquals("ppml pooled (VNM 0.667, THA 0.167, LAO 0.167)", e.label());
  }

  /** exp(b_waiver + b_stay x ln(stay/30)) - 1 with (almost) no uncertainty. */
  @Test
  void borrowedEffectUsesTheStayTerm() {
    ModelResult m = ScenarioFixtures.model(new double[] {0.3, 0.2, 0.4, 0.1, 0.5, 0}, new double[] {1e-14, 1, 1, 1, 1e-14, 1});
    ScenarioSpec s =
        new ScenarioSpec("v", "KHM", List.of("KOR"), YearMonth.of(2027, 1), 45, new EffectSource.Borrowed("VNM"), 0, 1, 100, 1);
    EffectSampler.EffectDraws e = EffectSampler.draw(s, m, POOLED, new Well19937c(1));
    double expected = Math.exp(0.3 + 0.5 * Math.log(45 / 30.0)) - 1;
    for (double x : e.effect()) {
      assertEquals(expected, x, 1e-5);
    }
    assertEquals("ppml waiver:VNM, stay 45 days", e.label());
  }

  @Test
  void jointDrawsKeepTheCovariance() {
    ModelResult m = ScenarioFixtures.model();
    JointNormalSampler sampler = EffectSampler.sampler(m, List.of("waiver:VNM", "stay_log"));
    double[][] x = sampler.draw(100_000, new Well19937c(4));
    // fixture: correlation 0.3 between waiver:VNM and stay_log
    assertEquals(0.3, new PearsonsCorrelation().correlation(x[0], x[1]), 0.01);
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
        assertThrows(InputException.class, () -> EffectSampler.sampler(m, List.of("waiver:VNM", "stay_log")));
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
    ScenarioSpec s = spec("f", List.of("KOR"), new EffectSource.Fixed(-0.1), 0, 1, 5, 1);
    Well19937c rng = new Well19937c(1);
    EffectSampler.EffectDraws e = EffectSampler.draw(s, null, POOLED, rng);
    assertArrayEquals(new double[] {Math.expm1(-0.1), Math.expm1(-0.1), Math.expm1(-0.1), Math.expm1(-0.1), Math.expm1(-0.1)},
        e.effect(), 0.0);
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
