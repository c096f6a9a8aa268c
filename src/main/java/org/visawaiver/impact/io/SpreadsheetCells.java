package org.visawaiver.impact.io;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * How a value is written into a CSV cell that people open in spreadsheets: '.' decimal mark, no
 * thousands separators, never scientific notation, and no text that a spreadsheet would run as a
 * formula (OWASP "CSV injection"): text starting with =, +, -, @, tab or carriage return gets a
 * leading apostrophe unless it is a number. The one exception to plain notation is {@link #pValue}:
 * a p-value below 1e-4 is written as {@code 1.94E-166}, which every spreadsheet parses as a number.
 */
public final class SpreadsheetCells {
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

  /** Below this a p-value is written in scientific notation (the data contract). */
  public static final double P_VALUE_SCIENTIFIC_BELOW = 1e-4;
  /** Significant digits of a p-value in scientific notation. */
  public static final int P_VALUE_DIGITS = 4;

  private SpreadsheetCells() {}

  /**
   * A p-value: plain decimal with a double's precision from 1e-4 up, and below it scientific
   * notation with at most {@value #P_VALUE_DIGITS} significant digits, trailing zeros dropped
   * ({@code 1.94E-166}, {@code 5E-5}). 0 (a tail probability below the smallest double) stays 0;
   * NaN becomes the empty cell.
   */
  public static String pValue(double p) {
    if (p == 0 || !(p > 0) || p >= P_VALUE_SCIENTIFIC_BELOW) {
      return exact(p);
    }
    BigDecimal d = new BigDecimal(p).round(new java.math.MathContext(P_VALUE_DIGITS,
        java.math.RoundingMode.HALF_EVEN)).stripTrailingZeros();
    String digits = d.unscaledValue().toString();
    int exponent = d.precision() - d.scale() - 1;
    String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    return mantissa + "E" + exponent;
  }

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
