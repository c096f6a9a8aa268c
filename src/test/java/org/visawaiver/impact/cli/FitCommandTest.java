package org.visawaiver.impact.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.visawaiver.impact.estimate.spec.FormulaParser;
import org.visawaiver.impact.estimate.spec.Gravity;

/** fit stops with exit status 2 and the parser's message before Spark starts. */
class FitCommandTest {
  private static String run(int expectedStatus, String... args) {
    StringWriter err = new StringWriter();
    assertEquals(expectedStatus, WaiverImpactCli.execute(new PrintWriter(err, true), args));
    return err.toString().trim();
  }

  @Test
  void malformedFormulaExitsWithTwo() {
    assertEquals("error: fit --formula: expected \"~\" but found \"fta\" at position 7 in "
        + "\"trade fta | exp\"; accepted grammar: " + FormulaParser.GRAMMAR + "; nothing was estimated",
        run(2, "fit", "--panel", "p.csv", "--formula", "trade fta | exp"));
  }

  @Test
  void gravityThatDoesNotMatchTheFixedEffectsExitsWithTwo() {
    assertEquals("error: fit --gravity: gravity = [exp, imp, year] needs the fixed effects "
        + "exp^year + imp^year (two-way) or also exp^imp (three-way), found \"trade ~ fta | "
        + "exp + imp\"; example: " + Gravity.EXAMPLE + "; nothing was estimated",
        run(2, "fit", "--panel", "p.csv", "--formula", "trade ~ fta | exp + imp", "--gravity",
            "exp,imp,year"));
  }
}
