package org.visawaiver.impact.scenario.draws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class TriangularTest {
  /**
   * low 0.05, mode 0.10, high 0.20: F(mode) = 0.05 / 0.15 = 1/3; the median is above the mode,
   * 0.20 - sqrt(0.5 x 0.15 x 0.10) = 0.1133975; the mean (0.05 + 0.10 + 0.20) / 3 = 0.1166667.
   */
  @Test
  void quantilesByHand() {
    Triangular t = new Triangular(0.05, 0.10, 0.20);
    assertEquals(0.05, t.quantile(0), 1e-15);
    assertEquals(0.10, t.quantile(1.0 / 3), 1e-12);
    assertEquals(0.20, t.quantile(1), 1e-15);
    assertEquals(0.2 - Math.sqrt(0.5 * 0.15 * 0.10), t.quantile(0.5), 1e-12);
    assertEquals(0.35 / 3, t.mean(), 1e-15);
    assertEquals(7.0, Triangular.point(7).quantile(0.3), 0.0);
    assertTrue(Triangular.point(7).isPoint());
  }

  /** Draws through the inverse distribution function have the triangular mean and stay in range. */
  @Test
  void drawsHaveTheMean() {
    Triangular t = new Triangular(500, 673, 900);
    RandomGenerator rng = RandomStreams.of(1, RandomStreams.parameterKey("KHM", "spend_per_arrival_usd"));
    double sum = 0;
    int n = 200_000;
    for (int i = 0; i < n; i++) {
      double x = t.quantile(rng.nextDouble());
      assertTrue(x >= 500 && x <= 900);
      sum += x;
    }
    // sd of the triangular: sqrt((a^2 + b^2 + c^2 - ab - ac - bc) / 18) = 81.8; of the mean 0.18
    assertEquals(t.mean(), sum / n, 1.0);
  }

  @Test
  void boundsOnTheWrongSideAreRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Triangular(0.2, 0.1, 0.3));
    assertEquals("a triangular range needs finite low <= mode <= high; found low 0.2, mode 0.1, high 0.3", e.getMessage());
  }
}
