package org.visawaiver.impact.estimate.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which columns are origin, destination and time: read from the fixed effects or configured. */
class GravityTest {
  private static ModelFormula f(String formula) {
    return FormulaParser.parse(formula, "m");
  }

  private static VcovSpec v(String vcov) {
    return FormulaParser.parseVcov(vcov, "v");
  }

  @Test
  void threeWayNeedsThePairAsTheCluster() {
    ModelFormula three = f("y ~ x | origin^destination + destination^month + origin^month");
    assertEquals(Optional.of(new Gravity("destination", "origin", "month", true)),
        Gravity.detect(three, v("cluster(origin^destination)")));
    // Without the pair as cluster, any of the three columns could be the time.
    assertEquals(Optional.empty(), Gravity.detect(three, v("hetero")));
  }

  @Test
  void twoWayAndOtherStructures() {
    assertEquals(Optional.of(new Gravity("exp", "imp", "year", false)),
        Gravity.detect(f("y ~ x | exp^year + imp^year"), v("iid")));
    assertEquals(Optional.empty(), Gravity.detect(f("y ~ x | exp + imp"), v("iid")));
    assertEquals(Optional.empty(), Gravity.detect(f("y ~ x | exp^year + imp^month"), v("iid")));
    assertEquals(Optional.empty(), Gravity.detect(f("y ~ x"), v("iid")));
  }

  @Test
  void configuredColumnsMustMatchTheFixedEffects() {
    ModelFormula two = f("y ~ x | exp^year + imp^year");
    assertEquals(new Gravity("imp", "exp", "year", false),
        Gravity.configured(List.of("imp", "exp", "year"), two, "model \"m\""));
    EstimationException e = assertThrows(EstimationException.class,
        () -> Gravity.configured(List.of("exp", "year", "imp"), two, "model \"m\""));
    assertEquals("model \"m\": gravity = [exp, year, imp] needs the fixed effects exp^imp + "
        + "year^imp (two-way) or also exp^year (three-way), found \"y ~ x | exp^year + "
        + "imp^year\"; example: " + Gravity.EXAMPLE + "; nothing was estimated", e.getMessage());
    EstimationException g = assertThrows(EstimationException.class,
        () -> Gravity.configured(List.of("exp", "imp"), two, "fit --gravity"));
    assertEquals("fit --gravity: gravity names three different columns i, j, t (origin, "
        + "destination, time), found [exp, imp]; example: " + Gravity.EXAMPLE
        + "; nothing was estimated", g.getMessage());
  }
}
