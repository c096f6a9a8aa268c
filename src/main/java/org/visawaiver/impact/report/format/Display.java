package org.visawaiver.impact.report.format;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * How a number read from a CSV cell is shown on the page: thousands separators, a fixed number of
 * decimals, a currency or percent sign. Only the presentation changes; the value is the cell's.
 * Empty or non-numeric cells are shown as they are (an empty cell as an en dash).
 */
public final class Display {
  public static final String MISSING = "\u2013";

  private Display() {}

  /** 1234567.4 -> "1,234,567" with {@code decimals} = 0. */
  public static String grouped(String cell, int decimals) {
    BigDecimal d = parse(cell);
    if (d == null) {
      return cell == null || cell.isEmpty() ? MISSING : cell;
    }
    DecimalFormat f = new DecimalFormat(decimals == 0 ? "#,##0" : "#,##0." + "0".repeat(decimals),
        DecimalFormatSymbols.getInstance(Locale.ROOT));
    f.setRoundingMode(RoundingMode.HALF_EVEN);
    String s = f.format(d);
    return s.startsWith("-") ? "\u2212" + s.substring(1) : s;
  }

  /** A value in percent ("48.9%") from a cell that holds percent points. */
  public static String percentPoints(String cell, int decimals) {
    String g = grouped(cell, decimals);
    return parse(cell) == null ? g : g + "%";
  }

  /** A share 0..1 shown as percent ("62.3%"): the cell times 100, exactly (a decimal shift). */
  public static String share(String cell, int decimals) {
    BigDecimal d = parse(cell);
    return d == null ? grouped(cell, decimals) : grouped(d.movePointRight(2).toPlainString(), decimals) + "%";
  }

  public static BigDecimal parse(String cell) {
    if (cell == null || cell.isEmpty()) {
      return null;
    }
    try {
      return new BigDecimal(cell);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
