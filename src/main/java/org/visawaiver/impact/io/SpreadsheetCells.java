package org.visawaiver.impact.io;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * How a value is written into a CSV cell that people open in spreadsheets: '.' decimal mark, no
 * thousands separators, never scientific notation, and no text that a spreadsheet would run as a
 * formula (OWASP "CSV injection"): text starting with =, +, -, @, tab or carriage return gets a
 * leading apostrophe unless it is a number.
 */
public final class SpreadsheetCells {
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

  private SpreadsheetCells() {}

  /** Text made safe; null becomes the empty cell. */
  public static String text(String value) {
    if (value == null || value.isEmpty()) {
      return "";
    }
    char c = value.charAt(0);
    boolean risky = c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    if (risky && !NUMBER.matcher(value).matches()) {
      return "'" + value;
    }
    return value;
  }

  /**
   * A number in plain decimal notation with at most {@code decimals} places, trailing zeros
   * removed; NaN and infinities become the empty cell (a spreadsheet has no NaN).
   */
  public static String number(double value, int decimals) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return "";
    }
    BigDecimal d = new BigDecimal(value).setScale(decimals, java.math.RoundingMode.HALF_EVEN);
    String s = d.stripTrailingZeros().toPlainString();
    return s.equals("-0") ? "0" : s;
  }

  /** A number with all the precision a double has (17 significant digits), plain notation. */
  public static String exact(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return "";
    }
    // Called for every double of panel.csv and the estimate files: strip zeros on the BigDecimal
    // rather than with per-cell regular expressions.
    String s = new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
    return s.equals("-0") ? "0" : s;
  }

  /** Whole units (visitors, dollars), rounded half-even. */
  public static String whole(double value) {
    return number(value, 0);
  }
}
