package org.visawaiver.impact.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SpreadsheetCellsTest {
  @Test
  void formulaLikeTextIsDefused() {
    assertEquals("'=HYPERLINK(\"x\")", SpreadsheetCells.text("=HYPERLINK(\"x\")"));
    assertEquals("'+1+2", SpreadsheetCells.text("+1+2"));
    assertEquals("'@SUM(A1)", SpreadsheetCells.text("@SUM(A1)"));
    assertEquals("'-cmd", SpreadsheetCells.text("-cmd"));
    assertEquals("'\tx", SpreadsheetCells.text("\tx"));
    assertEquals("-12.5", SpreadsheetCells.text("-12.5"));
    assertEquals("KHM", SpreadsheetCells.text("KHM"));
  }

  @Test
  void numbersArePlainDecimals() {
    assertEquals("12345678901", SpreadsheetCells.whole(12345678901.4));
    assertEquals("0.0000012", SpreadsheetCells.number(1.2e-6, 10));
    assertEquals("0", SpreadsheetCells.number(-1e-12, 6));
    assertEquals("", SpreadsheetCells.number(Double.NaN, 2));
    assertEquals("-1.52787437147", SpreadsheetCells.exact(-1.52787437147));
    assertEquals("0.00000192641992934", SpreadsheetCells.exact(1.92641992934e-06));
    assertEquals("100", SpreadsheetCells.exact(100.0));
    assertEquals("0", SpreadsheetCells.exact(-0.0));
    assertEquals("1.5", SpreadsheetCells.exact(1.5));
    assertEquals("100000000000000000000", SpreadsheetCells.exact(1e20));
  }

  @Test
  void smallPValuesAreShortScientific() {
    assertEquals("1.94E-166", SpreadsheetCells.pValue(1.9400000000000123e-166));
    assertEquals("1.939E-166", SpreadsheetCells.pValue(1.93912345e-166));
    assertEquals("5E-5", SpreadsheetCells.pValue(5e-5));
    assertEquals("9.999E-5", SpreadsheetCells.pValue(9.99949e-5));
    assertEquals("1E-4", SpreadsheetCells.pValue(9.99996e-5)); // rounds up to the boundary
    assertEquals("4.941E-324", SpreadsheetCells.pValue(Double.MIN_VALUE));
    assertEquals("0.0001", SpreadsheetCells.pValue(1e-4));
    assertEquals("0.0123456789", SpreadsheetCells.pValue(0.0123456789));
    assertEquals("0", SpreadsheetCells.pValue(0.0));
    assertEquals("1", SpreadsheetCells.pValue(1.0));
    assertEquals("", SpreadsheetCells.pValue(Double.NaN));
    // every spreadsheet and parser reads it back as the rounded number
    assertEquals(1.939e-166, Double.parseDouble(SpreadsheetCells.pValue(1.93912345e-166)), 0);
  }
}
