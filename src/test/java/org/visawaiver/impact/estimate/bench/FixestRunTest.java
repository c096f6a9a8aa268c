package org.visawaiver.impact.estimate.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading src/bench/r/fixest_fit.R's output (no R needed: the text is what the script prints). */
class FixestRunTest {
  static final String OUTPUT = """
      fit_seconds 1.70254\s
      fit_cpu_seconds 3.1\s
      peak_rss_mb 839\s
      nobs 994655\s
      iterations 4\s
      threads 2\s
      coef waiver:VNM 0.25021290000000001 0.0030299999999999997\s
      coef stay_log -0.080000000000000002 0.012\s
      """;

  @Test
  void readsTheTimingsAndCoefficients() {
    FixestRun run = FixestRun.parse(OUTPUT);
    assertEquals(1.70254, run.fitSeconds());
    assertEquals(3.1, run.fitCpuSeconds());
    assertEquals(839, run.peakRssMb());
    assertEquals(994655, run.observations());
    assertEquals(List.of("waiver:VNM", "stay_log"), List.copyOf(run.coefficients().keySet()));
    assertArrayEquals(new double[] {-0.08, 0.012}, run.coefficients().get("stay_log"));
  }

  @Test
  void outputWithoutTheTimingIsAnError() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> FixestRun.parse("nobs 10\n"));
    assertEquals("src/bench/r/fixest_fit.R printed no 'fit_seconds VALUE' line, so the fixest "
        + "columns cannot be filled; its output was: nobs 10", e.getMessage());
  }
}
