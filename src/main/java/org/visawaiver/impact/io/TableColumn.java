package org.visawaiver.impact.io;

/**
 * One column of a typed output table: its name, how its cells are written and what it means (the
 * meaning goes into the workbook's {@code columns} sheet).
 *
 * @param name the header, snake_case
 * @param decimals places a number is rounded to (0 = whole units); {@link #TEXT} for a text column
 * @param description what the column holds: its formula or source
 */
public record TableColumn(String name, int decimals, String description) {
  /** Marks a text column. */
  public static final int TEXT = -1;

  public static TableColumn text(String name, String description) {
    return new TableColumn(name, TEXT, description);
  }

  public static TableColumn number(String name, int decimals, String description) {
    if (decimals < 0) {
      throw new IllegalArgumentException(name + ": decimals must be >= 0, found " + decimals);
    }
    return new TableColumn(name, decimals, description);
  }

  public boolean isText() {
    return decimals == TEXT;
  }

  /** The cell as CSV text: safe text, or a plain decimal rounded to this column's places. */
  public String csvCell(Object value) {
    if (value == null) {
      return "";
    }
    if (isText()) {
      return SpreadsheetCells.text(value.toString());
    }
    return SpreadsheetCells.number(((Number) value).doubleValue(), decimals);
  }

  /** The number rounded as in the CSV file (half-even), or null for NaN and infinities. */
  public Double rounded(Object value) {
    double v = ((Number) value).doubleValue();
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return null;
    }
    return new java.math.BigDecimal(v).setScale(decimals, java.math.RoundingMode.HALF_EVEN).doubleValue();
  }
}
