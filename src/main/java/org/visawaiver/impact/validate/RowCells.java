package org.visawaiver.impact.validate;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;

/**
 * The cells of one raw row, parsed to typed values. A cell that breaks a rule yields null and
 * records the violation (its check name and a reason users understand); the row is accepted only
 * when no rule was broken. Reasons quote the offending value and say what was expected.
 */
final class RowCells {
  private static final Pattern CODE = Pattern.compile("[A-Z]{3}");
  private static final Pattern MONTH = Pattern.compile("\\d{4}-(0[1-9]|1[0-2])");
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  // A whole number; "12.0" and "1.2345678E7" (how some tools and Parquet doubles write integers) are
  // accepted, "12.5" is not.
  private static final Pattern COUNT = Pattern.compile("[+-]?\\d+(\\.0*)?");
  private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

  private final Row row;
  private final Map<String, Integer> index;
  private final List<String> checks = new ArrayList<>();
  private final List<String> reasons = new ArrayList<>();

  RowCells(Row row, Map<String, Integer> index) {
    this.row = row;
    this.index = index;
  }

  boolean ok() {
    return reasons.isEmpty();
  }

  List<String> checks() {
    return checks;
  }

  List<String> reasons() {
    return reasons;
  }

  void fail(String check, String reason) {
    if (!checks.contains(check)) {
      checks.add(check);
    }
    reasons.add(reason);
  }

  /** The trimmed cell, null when empty or absent. */
  String text(String column) {
    Integer i = index.get(column);
    return i == null ? null : row.getString(i);
  }

  String required(String column, String example) {
    String v = text(column);
    if (v == null) {
      fail(Checks.REQUIRED_VALUE, column + " is empty; a value such as " + example + " is required");
    }
    return v;
  }

  String code(String column) {
    String v = required(column, "KHM");
    if (v != null && !CODE.matcher(v).matches()) {
      fail(Checks.CODE_FORMAT, column + " \"" + v
          + "\" is not three upper-case letters (an ISO 3166-1 alpha-3 code such as KHM)");
      return null;
    }
    return v;
  }

  String month(String column) {
    String v = required(column, "2019-01");
    if (v != null && !MONTH.matcher(v).matches()) {
      fail(Checks.MONTH_FORMAT, column + " \"" + v + "\" is not a month YYYY-MM (e.g. 2019-01)");
      return null;
    }
    return v;
  }

  java.sql.Date date(String column, boolean requiredValue) {
    String v = requiredValue ? required(column, "2019-01-31") : text(column);
    if (v == null) {
      return null;
    }
    if (DATE.matcher(v).matches()) {
      try {
        return java.sql.Date.valueOf(LocalDate.parse(v));
      } catch (DateTimeParseException e) {
        // falls through: well-formed but not a calendar date, e.g. 2019-02-30
      }
    }
    fail(Checks.DATE_FORMAT, column + " \"" + v + "\" is not a calendar date YYYY-MM-DD (e.g. 2019-01-31)");
    return null;
  }

  /** A non-negative whole number; empty is allowed and means "not reported" (null). */
  Long count(String column) {
    String v = text(column);
    if (v == null) {
      return null;
    }
    if (!COUNT.matcher(v).matches() && !integerValued(v)) {
      fail(Checks.COUNT_FORMAT, column + " \"" + v + "\" is not a non-negative integer (e.g. 1250; "
          + "empty = not reported)");
      return null;
    }
    BigDecimal d = new BigDecimal(v);
    if (d.signum() < 0) {
      fail(Checks.COUNT_FORMAT, column + " \"" + v + "\" is negative; counts are non-negative integers");
      return null;
    }
    try {
      return d.longValueExact();
    } catch (ArithmeticException e) {
      fail(Checks.COUNT_FORMAT, column + " \"" + v + "\" is too large for a count");
      return null;
    }
  }

  /** 1.2345678E7: how Parquet doubles and some tools write whole numbers. */
  private static boolean integerValued(String v) {
    if (!NUMBER.matcher(v).matches()) {
      return false;
    }
    BigDecimal d = new BigDecimal(v);
    return d.signum() == 0 || d.stripTrailingZeros().scale() <= 0;
  }

  /** A finite number in [min, max]; null when empty and not required. */
  Double number(String column, boolean requiredValue, double min, double max, String example) {
    String v = requiredValue ? required(column, example) : text(column);
    if (v == null) {
      return null;
    }
    if (!NUMBER.matcher(v).matches()) {
      fail(Checks.NUMBER_FORMAT, column + " \"" + v + "\" is not a number (e.g. " + example
          + "; '.' as the decimal mark, no thousands separators)");
      return null;
    }
    double d = Double.parseDouble(v);
    if (!(d >= min && d <= max) || Double.isInfinite(d)) {
      fail(column + "_range", column + " " + v + " is outside " + Checks.range(min, max));
      return null;
    }
    return d;
  }
}
