package org.visawaiver.impact.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CalibrationSplitTest {
  /**
   * Two destinations, two origins, three years: the log factors are pair + origin-year (Koreans
   * grew 0.2 a year faster than simulated, everywhere) plus KHM-KOR's own jump of -0.5 in the last
   * year. The shared movement goes to the absorbed part; the pair's own jump mostly stays in the
   * residuals rather than becoming a destination-year term (which would move KHM-USA by as much).
   * Absorbed + residual is every cell's log factor.
   */
  @Test
  void sharedMovementsAreAbsorbedAndAPairsOwnJumpStaysResidual() {
    // (With four cells per year the penalised destination-year term still takes about a sixth.)
    List<CalibrationSplit.Cell> cells = new ArrayList<>();
    for (String d : List.of("KHM", "THA")) {
      for (String o : List.of("KOR", "USA")) {
        for (int y = 0; y < 3; y++) {
          double originYear = o.equals("KOR") ? 0.2 * y : 0;
          double own = d.equals("KHM") && o.equals("KOR") && y == 2 ? -0.5 : 0;
          cells.add(new CalibrationSplit.Cell(d, o, 2010 + y, 0.3 + originYear + own));
        }
      }
    }
    CalibrationSplit split = CalibrationSplit.fit(cells, 2010, 3);
    for (CalibrationSplit.Cell c : cells) {
      double absorbed = split.absorbed(c.destination(), c.origin(), 3)[c.year() - 2010];
      assertEquals(c.logFactor(), absorbed + split.residual().get(c), 1e-12, c.toString());
    }
    double[] thaKor = split.absorbed("THA", "KOR", 3);
    assertEquals(0.2, thaKor[1] - thaKor[0], 0.02, "the shared movement, absorbed");
    for (String d : List.of("KHM", "THA")) {
      double[] usa = split.absorbed(d, "USA", 3);
      assertEquals(0.0, usa[2] - usa[0], 0.1, d + "-USA moves by less than a fifth of KHM-KOR's jump");
    }
    // The jump is a triple difference (destination x origin x year), which no fixed effect
    // absorbs: the residuals carry all of it (cells: KHM-KOR 0-2, KHM-USA 3-5, THA-KOR 6-8, THA-USA 9-11).
    Map<CalibrationSplit.Cell, Double> r = split.residual();
    double triple = (r.get(cells.get(2)) - r.get(cells.get(1))) - (r.get(cells.get(5)) - r.get(cells.get(4)))
        - (r.get(cells.get(8)) - r.get(cells.get(7))) + (r.get(cells.get(11)) - r.get(cells.get(10)));
    assertEquals(-0.5, triple, 1e-9);
    // A series of a destination and an origin without cells gets no terms.
    assertArrayEquals(new double[3], split.absorbed("VNM", "JPN", 3), 0.0);
  }

  @Test
  void yearsWithoutACellAreInterpolatedLinearlyAndHeldFlatOutside() {
    TreeMap<Integer, Double> known = new TreeMap<>(Map.of(2007, 1.0, 2010, 2.5));
    assertArrayEquals(new double[] {1.0, 1.0, 1.0, 1.5, 2.0, 2.5, 2.5},
        CalibrationSplit.interpolate(known, 2005, 7), 1e-12);
  }
}
