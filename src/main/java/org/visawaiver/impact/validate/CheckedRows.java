package org.visawaiver.impact.validate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.visawaiver.impact.ingest.InputReader;
import org.visawaiver.impact.ingest.RawTable;

/**
 * Applies a dataset's row rules to its raw rows, in parallel: every row comes out with its line,
 * raw text, the names of the checks it failed ({@value #CHECKS}, comma-separated, null when none),
 * the reasons ({@value #REASON}) and the typed values of the accepted schema.
 */
final class CheckedRows {
  static final String CHECKS = "_checks";
  static final String REASON = "_reason";

  private CheckedRows() {}

  static StructType schema(RowRules rules) {
    List<StructField> fields = new ArrayList<>();
    fields.add(DataTypes.createStructField(RawTable.LINE, DataTypes.LongType, false));
    fields.add(DataTypes.createStructField(RawTable.RAW, DataTypes.StringType, true));
    fields.add(DataTypes.createStructField(CHECKS, DataTypes.StringType, true));
    fields.add(DataTypes.createStructField(REASON, DataTypes.StringType, true));
    for (StructField f : rules.accepted().fields()) {
      fields.add(DataTypes.createStructField(f.name(), f.dataType(), true));
    }
    return DataTypes.createStructType(fields);
  }

  static Dataset<Row> apply(Dataset<Row> raw, RowRules rules) {
    return raw.mapPartitions(new Validator(rules), Encoders.row(schema(rules)));
  }

  /** One raw row through the rules; plain Java, so it is testable without Spark. */
  static Row check(Row raw, RowRules rules, Map<String, Integer> index) {
    RowCells cells = new RowCells(raw, index);
    String shape = raw.getString(2);
    if (shape != null) {
      cells.fail(Checks.ROW_SHAPE, shape);
    }
    Object[] typed = rules.parse(cells);
    Object[] out = new Object[typed.length + 4];
    out[0] = raw.getLong(0);
    out[1] = raw.getString(1);
    if (!cells.ok()) {
      out[2] = String.join(",", cells.checks());
      out[3] = String.join("; ", cells.reasons());
    } else {
      System.arraycopy(typed, 0, out, 4, typed.length);
    }
    return RowFactory.create(out);
  }

  static Map<String, Integer> index(RowRules rules) {
    Map<String, Integer> index = new HashMap<>();
    String[] names = InputReader.schema(rules.spec()).fieldNames();
    for (int i = 0; i < names.length; i++) {
      index.put(names[i], i);
    }
    return index;
  }

  private static final class Validator implements MapPartitionsFunction<Row, Row> {
    private final RowRules rules;

    Validator(RowRules rules) {
      this.rules = rules;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> input) {
      Map<String, Integer> index = index(rules);
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return input.hasNext();
        }

        @Override
        public Row next() {
          return check(input.next(), rules, index);
        }
      };
    }
  }
}
