package org.visawaiver.impact.estimate.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.visawaiver.impact.estimate.spec.BootstrapSettings;
import org.visawaiver.impact.estimate.spec.EstimationException;

/** The pure pieces of the bootstraps (no Spark): weights, tie rule, G*, inversion, settings. */
class BootstrapPiecesTest {
  static BootstrapSettings settings(int draws, String weights) {
    return new BootstrapSettings(draws, 7, weights, "all", false, 1000, 150, "wild_bootstrap");
  }

  @Test
  void rademacherWeightsAreEnumeratedWhenTwoToTheGFitInB() {
    BootstrapWeights w = BootstrapWeights.of(3, settings(9999, "auto"));
    assertTrue(w.enumerated());
    assertEquals(8, w.count());
    assertArrayEquals(new double[] {1, 1, 1}, w.draws()[0]);
    // row b: v_g = 1 - 2 bit_g(b), as the reference's t* files
    assertArrayEquals(new double[] {-1, 1, -1}, w.draws()[5]);
    Set<String> patterns = new HashSet<>();
    for (double[] v : w.draws()) {
      patterns.add(Arrays.toString(v));
    }
    assertEquals(8, patterns.size());
  }

  @Test
  void webbWeightsAboveTheEnumerationAreSeededSixPointDraws() {
    BootstrapWeights a = BootstrapWeights.of(20, settings(999, "auto"));
    BootstrapWeights b = BootstrapWeights.of(20, settings(999, "auto"));
    assertFalse(a.enumerated());
    assertEquals("webb", a.kind());
    assertEquals(999, a.count());
    assertTrue(Arrays.deepEquals(a.draws(), b.draws()), "same seed, same draws");
    Set<Double> values = new HashSet<>();
    for (double[] v : a.draws()) {
      for (double x : v) {
        values.add(Math.abs(x));
      }
    }
    assertEquals(Set.of(Math.sqrt(0.5), 1.0, Math.sqrt(1.5)), values);
  }

  @Test
  void drawsThatTieTheObservedStatisticDoNotCount() {
    // |t*| = |t| up to 1e-12 relative (the all +1 and all -1 WCR draws) is a tie
    double[] stars = {2.0, -2.0 * (1 + 1e-12), 2.5, 1.0};
    assertEquals(0.25, BootstrapWeights.exceedShare(stars, 2.0));
  }

  @Test
  void aPValueOfZeroIsReportedAsTheSmallestTheDrawsResolve() {
    // enumerated: 2^3 = 8 sign patterns, the observed statistic is one of them
    BootstrapWeights e = BootstrapWeights.of(3, settings(9999, "auto"));
    assertEquals(1.0 / 8, e.reported(0));
    assertEquals(3.0 / 8, e.reported(3.0 / 8));
    // B random draws: the observed statistic counts as draw B + 1
    BootstrapWeights r = BootstrapWeights.of(20, settings(999, "auto"));
    assertEquals(1.0 / 1000, r.reported(0));
    assertEquals(0.5, r.reported(0.5));
    // the bootstrap Wald test of a hypothesis no draw comes near: floor, not 0
    double[][] s = {{1, 2, 4}};
    double[] shares = {1 / 3.0, 1 / 3.0, 1 / 3.0};
    assertEquals(1.0 / 8, ScoreBootstrap.waldPValue(new double[] {1e6}, s, shares, e));
  }

  @Test
  void effectiveClustersAreGForEqualScoresAndOneForADominantCluster() {
    assertEquals(12, EffectiveClusters.of(new double[] {1, -1, 1, -1, 1, -1, 1, -1, 1, -1, 1, -1}),
        1e-12);
    assertEquals(1, EffectiveClusters.of(new double[] {1e6, 1e-3, -1e-3}), 1e-9);
    // G / (1 + Γ) with Γ the squared coefficient of variation of γ_g = S_g² (CSS 2017)
    double[] s = {1, 2, 3, 4};
    double[] g = {1, 4, 9, 16};
    double mean = 7.5;
    double cv2 = 0;
    for (double x : g) {
      cv2 += (x - mean) * (x - mean) / (mean * mean) / g.length;
    }
    assertEquals(4 / (1 + cv2), EffectiveClusters.of(s), 1e-12);
  }

  @Test
  void inversionFindsTheBreakpointsOfAStepFunction() {
    // p(r) > 0.05 exactly on (-1.25, 3.5): the ends to 1e-9 standard errors
    double[] ci = TestInversion.interval(1.0, 0.5, r -> r > -1.25 && r < 3.5 ? 0.5 : 0.01, 0.95);
    assertEquals(-1.25, ci[0], 1e-9);
    assertEquals(3.5, ci[1], 1e-9);
    double[] open = TestInversion.interval(1.0, 0.5, r -> r < 3.5 ? 0.5 : 0.01, 0.95);
    assertEquals(Double.NEGATIVE_INFINITY, open[0]);
  }

  @Test
  void settingsNameTheKeyAndTheAllowedValues() {
    Exception e = assertThrows(EstimationException.class, () -> settings(9999, "mammen"));
    assertEquals("estimate.bootstrap.weights must be auto, rademacher or webb, found \"mammen\"; "
        + "nothing was estimated", e.getMessage());
    e = assertThrows(EstimationException.class,
        () -> new BootstrapSettings(9999, 7, "auto", "all", false, 1000, 150, "bca"));
    assertEquals("estimate.interval must be one of [cluster, cluster_bc, cluster_bc_t, jackknife, "
        + "jackknife_bc, wild_bootstrap], found \"bca\"; nothing was estimated", e.getMessage());
    e = assertThrows(EstimationException.class, () -> settings(10, "auto"));
    assertEquals("estimate.bootstrap.draws must be at least 99, found 10; the bootstrap p-values "
        + "would be too coarse; nothing was estimated", e.getMessage());
  }
}
