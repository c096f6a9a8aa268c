package org.visawaiver.impact.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.junit.jupiter.api.Test;
import org.visawaiver.impact.io.SpreadsheetCells;

class WaiverComparisonTest {
  @Test
  void upperTailStaysAccurateWhereOneMinusTheCdfIsZero() {
    // chi-squared with 2 df: P(X > w) = exp(-w / 2) exactly
    assertEquals(Math.exp(-200), WaiverComparison.chiSquaredUpperTail(400, 2), 1e-12 * Math.exp(-200));
    assertEquals(0.0, 1 - new ChiSquaredDistribution(2).cumulativeProbability(400)); // the old way
    assertEquals("1.384E-87", SpreadsheetCells.pValue(WaiverComparison.chiSquaredUpperTail(400, 2)));
    // agrees with the cdf where the cdf is accurate (df 1 and 3, as with 2 and 4 destinations)
    for (int df : new int[] {1, 3}) {
      double w = 2.5;
      assertEquals(1 - new ChiSquaredDistribution(df).cumulativeProbability(w),
          WaiverComparison.chiSquaredUpperTail(w, df), 1e-12);
    }
    assertEquals(1.0, WaiverComparison.chiSquaredUpperTail(0, 2));
  }
}
