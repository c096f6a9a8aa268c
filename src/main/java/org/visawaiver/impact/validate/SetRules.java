package org.visawaiver.impact.validate;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.visawaiver.impact.ingest.RawTable;

/**
 * Rules over sets of rows, applied after the row rules to the rows that passed them. The first row
 * (lowest line) wins: a later row with the same key, or a visa_policy interval overlapping an
 * earlier interval of the same (destination, origin), is rejected and its reason names the earlier
 * line, which is kept.
 */
final class SetRules {
  private static final String OPEN_END = "9999-12-31";

  private SetRules() {}

  static Dataset<Row> apply(Dataset<Row> checked, RowRules rules) {
    Dataset<Row> out = checked;
    if (!rules.key().isEmpty()) {
      out = rejectDuplicateKeys(out, rules.key());
    }
    if (rules == DatasetRules.VISA_POLICY) {
      out = rejectOverlaps(out);
    }
    return out;
  }

  static Dataset<Row> rejectDuplicateKeys(Dataset<Row> checked, List<String> key) {
    Column passed = col(CheckedRows.REASON).isNull();
    WindowSpec byKey = Window.partitionBy(key.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new));
    Dataset<Row> withFirst =
        checked.withColumn("_first", min(when(passed, col(RawTable.LINE))).over(byKey));
    Column duplicate = passed.and(col(RawTable.LINE).notEqual(col("_first")));
    List<Column> reason = new ArrayList<>();
    reason.add(lit("duplicate key ("));
    for (int i = 0; i < key.size(); i++) {
      reason.add(col(key.get(i)));
      reason.add(lit(i + 1 < key.size() ? ", " : ")"));
    }
    reason.add(lit(": line "));
    reason.add(col("_first").cast("string"));
    reason.add(lit(" has the same " + String.join(", ", key) + " and is kept"));
    return replaceVerdict(withFirst, duplicate, Checks.DUPLICATE_KEY, concat(reason.toArray(Column[]::new)))
        .drop("_first");
  }

  static Dataset<Row> rejectOverlaps(Dataset<Row> checked) {
    Column openEnd = to_date(lit(OPEN_END));
    Dataset<Row> passed = checked.filter(col(CheckedRows.REASON).isNull());
    Dataset<Row> earlier =
        passed.select(
            col(RawTable.LINE).as("e_line"), col("destination").as("e_destination"),
            col("origin").as("e_origin"), col("effective_from").as("e_from"), col("effective_to").as("e_to"));
    Dataset<Row> firstOverlap =
        passed
            .join(earlier,
                col("destination").equalTo(col("e_destination"))
                    .and(col("origin").equalTo(col("e_origin")))
                    .and(col("e_line").lt(col(RawTable.LINE)))
                    .and(col("effective_from").leq(coalesce(col("e_to"), openEnd)))
                    .and(col("e_from").leq(coalesce(col("effective_to"), openEnd))))
            .groupBy(col(RawTable.LINE).as("o_line"))
            .agg(min(struct(col("e_line"), col("e_from"), col("e_to"))).as("o"));
    Dataset<Row> joined =
        checked.join(firstOverlap, col(RawTable.LINE).equalTo(col("o_line")), "left");
    Column reason =
        concat(
            lit("interval "), col("effective_from").cast("string"), lit(".."),
            coalesce(col("effective_to").cast("string"), lit("open")),
            lit(" overlaps line "), col("o.e_line").cast("string"), lit(" ("),
            col("o.e_from").cast("string"), lit(".."), coalesce(col("o.e_to").cast("string"), lit("open")),
            lit(") of the same destination and origin ("), col("destination"), lit(", "), col("origin"),
            lit("); intervals of one pair must not overlap; line "), col("o.e_line").cast("string"),
            lit(" is kept"));
    return replaceVerdict(joined, col("o_line").isNotNull(), Checks.OVERLAPPING_INTERVAL, reason)
        .drop("o_line", "o")
        .select(java.util.Arrays.stream(checked.columns()).map(c -> col(c)).toArray(Column[]::new));
  }

  private static Dataset<Row> replaceVerdict(Dataset<Row> df, Column rejected, String check, Column reason) {
    return df.withColumn("_rejected", rejected)
        .withColumn(CheckedRows.CHECKS, when(col("_rejected"), lit(check)).otherwise(col(CheckedRows.CHECKS)))
        .withColumn(CheckedRows.REASON, when(col("_rejected"), reason).otherwise(col(CheckedRows.REASON)))
        .drop("_rejected");
  }
}
