package org.visawaiver.impact.estimate.result;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealVector;
import org.junit.jupiter.api.Test;

/** Contrasts on a hand-made model: every expected value is c'b and sqrt(c'Vc) with c written out. */
class RegimeContrastTest {
  private static final List<String> TERMS =
      List.of("waiver:VNM", "waiver:THA", "stay_log", "evisa_share", "voa_share");
  private static final double[] B = {0.20, 0.35, 0.15, 0.08, 0.05};
  // Symmetric positive definite, with non-zero covariances between the waiver and regime terms.
  private static final double[][] V = {
      {0.0400, 0.0030, 0.0010, 0.0120, 0.0050},
      {0.0030, 0.0250, 0.0005, 0.0020, 0.0080},
      {0.0010, 0.0005, 0.0090, 0.0003, 0.0001},
      {0.0120, 0.0020, 0.0003, 0.0160, 0.0040},
      {0.0050, 0.0080, 0.0001, 0.0040, 0.0100}};
  private static final ModelResult MODEL = new ModelResult("ppml", TERMS, B, V);

  /** c'b and sqrt(c'Vc) by matrix algebra (commons-math3), independent of the class's loops. */
  private static double[] linear(double... c) {
    RealVector cv = new ArrayRealVector(c);
    return new double[] {cv.dotProduct(new ArrayRealVector(B)),
        Math.sqrt(cv.dotProduct(new Array2DRowRealMatrix(V).operate(cv)))};
  }

  private static void assertContrast(double[] expected, RegimeContrast actual) {
    assertEquals(expected[0], actual.estimate(), 1e-15);
    assertEquals(expected[1], actual.stdError(), 1e-15);
  }

  @Test
  void fromVisaRequiredIsTheWaiverSlope() {
    RegimeContrast c = RegimeContrast.of(MODEL, "VNM", "waiver:VNM", "visa_required").orElseThrow();
    assertContrast(new double[] {0.20, 0.2}, c);
    assertEquals("visa_required", c.fromRegime());
    assertEquals(100 * (Math.exp(0.20) - 1), c.effectPct(), 1e-12);
  }

  @Test
  void fromEvisaAndVisaOnArrivalSubtractTheShareSlopeWithTheirCovariance() {
    // VNM from e-visa: 0.20 - 0.08 = 0.12; variance 0.04 + 0.016 - 2 * 0.012 = 0.032.
    RegimeContrast evisa = RegimeContrast.of(MODEL, "VNM", "waiver:VNM", "evisa").orElseThrow();
    assertContrast(linear(1, 0, 0, -1, 0), evisa);
    assertEquals(Math.sqrt(0.032), evisa.stdError(), 1e-15);
    // THA from visa on arrival: 0.35 - 0.05 = 0.30; variance 0.025 + 0.010 - 2 * 0.008 = 0.019.
    RegimeContrast voa = RegimeContrast.of(MODEL, "THA", "waiver:THA", "visa_on_arrival").orElseThrow();
    assertContrast(linear(0, 1, 0, 0, -1), voa);
    assertEquals(0.30, voa.estimate(), 1e-15);
    assertEquals(Math.sqrt(0.019), voa.stdError(), 1e-15);
    assertEquals(0.30 - 1.96 * Math.sqrt(0.019), voa.ciLow(1.96), 1e-15);
    assertEquals(0.30 + 1.96 * Math.sqrt(0.019), voa.ciHigh(1.96), 1e-15);
  }

  @Test
  void aPooledCombinationOfSlopesCarriesItsOwnCovariance() {
    RegimeContrast pooled = RegimeContrast.of(MODEL, "pooled", Map.of("waiver:VNM", 0.4, "waiver:THA", 0.6), "evisa")
        .orElseThrow();
    assertContrast(linear(0.4, 0.6, 0, -1, 0), pooled);
  }

  @Test
  void aContrastTheModelCannotIdentifyIsEmpty() {
    ModelResult noRegimes = new ModelResult("v1", List.of("waiver:VNM", "stay_log"), new double[] {0.2, 0.1},
        new double[][] {{0.01, 0}, {0, 0.02}});
    assertTrue(RegimeContrast.of(noRegimes, "VNM", "waiver:VNM", "evisa").isEmpty());
    assertTrue(RegimeContrast.of(noRegimes, "VNM", "waiver:VNM", "visa_required").isPresent());
    assertTrue(RegimeContrast.of(MODEL, "LAO", "waiver:LAO", "visa_required").isEmpty());
  }

  @Test
  void anUnknownRegimeIsRefusedWithTheAcceptedOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RegimeContrast.of(MODEL, "VNM", "waiver:VNM", "visa_free"));
    assertEquals("regime \"visa_free\" has no contrast to visa-free; expected one of "
        + "[visa_required, evisa, visa_on_arrival]", e.getMessage());
  }
}
