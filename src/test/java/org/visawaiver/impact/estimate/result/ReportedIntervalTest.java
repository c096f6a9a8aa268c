package org.visawaiver.impact.estimate.result;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.math3.distribution.TDistribution;
import org.junit.jupiter.api.Test;
import org.visawaiver.impact.estimate.inference.GravityCorrection;
import org.visawaiver.impact.estimate.inference.Inference;
import org.visawaiver.impact.estimate.inference.TermInference;
import org.visawaiver.impact.estimate.spec.Gravity;
import org.visawaiver.impact.estimate.vcov.SmallSampleCorrection;

/** FitResult.interval for every type, by hand, without Spark. */
class ReportedIntervalTest {
  private static final double Z = 1.959963984540054;

  /** Two PPML terms: a (bias 0.01, SE_bc 0.2, G* 4.5, bounded bootstrap), b (unbounded). */
  private static FitResult fit(String interval) {
    GravityCorrection wz = new GravityCorrection(new Gravity("o", "d", "t", true),
        new double[] {0.01, 0.02}, new double[][] {{0.04, 0}, {0, 0.09}}, 100, 10, 10,
        new double[][] {{0.16, 0}, {0, 0.25}});
    Inference inf = new Inference(List.of(
        new TermInference("a", 0.03, 0.1, 0.9, 3, 4.5, 0.3),
        new TermInference("b", 0.5, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 2, 0.4,
            Double.POSITIVE_INFINITY)),
        "score bootstrap", Double.NaN, List.of());
    SmallSampleCorrection ssc = new SmallSampleCorrection(1000, 2, 50, List.of(), List.of(100L),
        1, 1, Double.POSITIVE_INFINITY);
    return new FitResult("m", "ppml", "y ~ a + b | o^d + o^t + d^t", "cluster(o^d)",
        List.of("a", "b"), new double[] {0.5, 1.0}, new double[][] {{0.01, 0}, {0, 0.04}}, 1000,
        Map.of(), List.of(), ssc, List.of("o^d"), 5, 10, true, 1, 1e-10, 1e-10, List.of(),
        Optional.of(wz), inf, interval);
  }

  @Test
  void everyTypeByHand() {
    FitResult f = fit("cluster");
    FitResult.Reported c = f.interval(0, "cluster");
    assertEquals(0.5 - Z * 0.1, c.low(), 1e-12);
    FitResult.Reported bc = f.interval(0, "cluster_bc");
    assertEquals(0.49 + Z * 0.2, bc.high(), 1e-12);
    // t(G* - 1) = t(3.5) around estimate_bc with std_error_bc; scenarios get the implied SE
    double q = new TDistribution(3.5).inverseCumulativeProbability(0.975);
    FitResult.Reported t = f.interval(0, "cluster_bc_t");
    assertEquals("cluster_bc_t", t.interval());
    assertEquals(0.49 - q * 0.2, t.low(), 1e-12);
    assertEquals(0.49 + q * 0.2, t.high(), 1e-12);
    assertEquals(0.2 * q / Z, t.stdError(), 1e-12);
    // G* below 2: one degree of freedom
    assertEquals(0.98 + 12.706204736174705 * 0.3, f.interval(1, "cluster_bc_t").high(), 1e-9);
    // jackknife: t(G - 1) = t(99) x SE_CV3 around the estimate, or estimate_bc under jackknife_bc
    double q99 = new TDistribution(99).inverseCumulativeProbability(0.975);
    FitResult.Reported jk = f.interval(0, "jackknife");
    assertEquals("jackknife", jk.interval());
    assertEquals(0.5 - q99 * 0.3, jk.low(), 1e-12);
    assertEquals(0.5 + q99 * 0.3, jk.high(), 1e-12);
    assertEquals(0.3 * q99 / Z, jk.stdError(), 1e-12);
    // jackknife_bc: around estimate_bc with the jackknife SE of the Weidner-Zylkin leverage (0.4)
    FitResult.Reported jkbc = f.interval(0, "jackknife_bc");
    assertEquals(0.49 - q99 * 0.4, jkbc.low(), 1e-12);
    assertEquals(0.49, jkbc.estimate(), 1e-15);
    FitResult.Reported w = f.interval(0, "wild_bootstrap");
    assertEquals(0.1, w.low());
    assertEquals(0.8 / (2 * Z), w.stdError(), 1e-12);
  }

  @Test
  void anUnboundedBootstrapIntervalIsReportedAsItIs() {
    FitResult f = fit("wild_bootstrap");
    CoefficientRow b = f.table().get(1);
    assertEquals("wild_bootstrap", b.interval());
    assertEquals(Double.NEGATIVE_INFINITY, b.ciLow());
    assertEquals(Double.POSITIVE_INFINITY, b.ciHigh());
    // scenarios draw with the cluster SE
    assertEquals(0.04, f.toModelResult().vcov()[1][1], 1e-15);
    assertEquals(-100, b.effectPctCiLow(), 0);
  }

  @Test
  void anUnboundedJackknifeIsReportedAsItIs() {
    FitResult f = fit("jackknife");
    CoefficientRow b = f.table().get(1);
    assertEquals("jackknife", b.interval());
    assertEquals(Double.NEGATIVE_INFINITY, b.ciLow());
    assertEquals(Double.POSITIVE_INFINITY, b.ciHigh());
    // scenarios draw around the estimate with the cluster SE
    assertEquals(0.04, f.toModelResult().vcov()[1][1], 1e-15);
    assertEquals(1.0, f.toModelResult().coefficients()[1], 0);
    assertEquals(Double.POSITIVE_INFINITY, f.interval(1, "jackknife_bc").high());
  }
}
