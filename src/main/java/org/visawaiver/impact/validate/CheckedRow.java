package org.visawaiver.impact.validate;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * One input row after the rules: its line and raw text, the checks it failed with their reasons
 * (empty when accepted), and its typed values in the order of the accepted schema.
 */
final class CheckedRow {
  static final String LINE = "_line";
  static final String RAW = "_raw";
  static final String CHECKS = "_checks";
  static final String REASONS = "_reasons";
  private static final int FIRST_VALUE = 4;

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

  /**
   * The layout of a checked row in a Dataset: {@value #LINE}, {@value #RAW}, the failed checks and
   * their reasons (empty arrays when accepted), then the accepted columns, all nullable (a rejected
   * row may lack any value).
   */
  static StructType schema(RowRules rules) {
    List<StructField> fields = new ArrayList<>();
    fields.add(DataTypes.createStructField(LINE, DataTypes.LongType, false));
    fields.add(DataTypes.createStructField(RAW, DataTypes.StringType, true));
    fields.add(DataTypes.createStructField(CHECKS, DataTypes.createArrayType(DataTypes.StringType, false), false));
    fields.add(DataTypes.createStructField(REASONS, DataTypes.createArrayType(DataTypes.StringType, false), false));
    for (StructField f : rules.accepted().fields()) {
      fields.add(DataTypes.createStructField(f.name(), f.dataType(), true));
    }
    return DataTypes.createStructType(fields);
  }

  /** This row in the layout of {@link #schema}. */
  Row toRow() {
    Object[] cells = new Object[FIRST_VALUE + values.length];
    cells[0] = line;
    cells[1] = raw;
    cells[2] = scala.collection.JavaConverters.asScalaBuffer(new ArrayList<>(checks)).toList();
    cells[3] = scala.collection.JavaConverters.asScalaBuffer(new ArrayList<>(reasons)).toList();
    System.arraycopy(values, 0, cells, FIRST_VALUE, values.length);
    return RowFactory.create(cells);
  }

  /** A row of {@link #schema} back as a CheckedRow. */
  static CheckedRow fromRow(Row row) {
    CheckedRow c = new CheckedRow(row.getLong(0), row.getString(1), values(row));
    c.checks.addAll(row.getList(2));
    c.reasons.addAll(row.getList(3));
    return c;
  }

  /** The accepted values of a row of {@link #schema}, in the layout of the accepted schema. */
  static Row acceptedValues(Row row) {
    return RowFactory.create(values(row));
  }

  private static Object[] values(Row row) {
    Object[] values = new Object[row.size() - FIRST_VALUE];
    for (int i = 0; i < values.length; i++) {
      values[i] = row.get(FIRST_VALUE + i);
    }
    return values;
  }
}
