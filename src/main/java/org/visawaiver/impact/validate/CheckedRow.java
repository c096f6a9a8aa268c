package org.visawaiver.impact.validate;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * One input row after the rules: its line and raw text, the checks it failed with their reasons
 * (empty when accepted), and its typed values in the order of the accepted schema.
 */
final class CheckedRow {
  final long line;
  final String raw;
  final Object[] values;
  private final List<String> checks = new ArrayList<>();
  private final List<String> reasons = new ArrayList<>();

  private CheckedRow(long line, String raw, Object[] values) {
    this.line = line;
    this.raw = raw;
    this.values = values;
  }

  /** A raw row (layout of {@code RawTable}) through the row rules. */
  static CheckedRow check(Row raw, RowRules rules, java.util.Map<String, Integer> index) {
    RowCells cells = new RowCells(raw, index);
    String shape = raw.getString(2);
    if (shape != null) {
      cells.fail(Checks.ROW_SHAPE, shape);
    }
    CheckedRow row = new CheckedRow(raw.getLong(0), raw.getString(1), rules.parse(cells));
    row.checks.addAll(cells.checks());
    row.reasons.addAll(cells.reasons());
    return row;
  }

  boolean accepted() {
    return reasons.isEmpty();
  }

  void reject(String check, String reason) {
    checks.add(check);
    reasons.add(reason);
  }

  List<String> checks() {
    return checks;
  }

  String reason() {
    return String.join("; ", reasons);
  }

  Object value(int i) {
    return values[i];
  }

  Row acceptedRow() {
    return RowFactory.create(values);
  }
}
