package org.visawaiver.impact.validate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.split;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.visawaiver.impact.export.CsvTableWriter;
import org.visawaiver.impact.export.SpreadsheetCells;
import org.visawaiver.impact.ingest.InputReader;
import org.visawaiver.impact.ingest.RawTable;

/**
 * Validates one dataset: read, row rules, set rules; writes {@code rejects/<dataset>.csv} (header
 * only when nothing was rejected) and returns the typed accepted rows, the report and the check
 * results.
 */
final class DatasetValidation {
  static final List<String> REJECTS_HEADER = List.of("line", "raw", "reason");

  private DatasetValidation() {}

  record Outcome(Dataset<Row> accepted, DatasetReport report, List<CheckResult> checks) {}

  static Outcome validate(SparkSession spark, RowRules rules, Path file, Path out) {
    String name = rules.spec().name();
    RawTable raw = InputReader.read(spark, rules.spec(), file);
    Dataset<Row> checked =
        SetRules.apply(CheckedRows.apply(raw.rows(), rules), rules).persist(StorageLevel.MEMORY_AND_DISK());
    Row counts = checked.agg(count(lit(1)), count(col(CheckedRows.REASON))).first();
    long read = counts.getLong(0);
    long rejected = counts.getLong(1);
    Path rejectsFile = out.resolve("rejects").resolve(name + ".csv");
    writeRejects(checked, rejectsFile);
    Dataset<Row> acceptedRows =
        checked.filter(col(CheckedRows.REASON).isNull())
            .select(java.util.Arrays.stream(rules.accepted().fieldNames()).map(c -> col(c)).toArray(Column[]::new));
    // Re-applied so that the accepted rows carry the exact schema, non-null flags included.
    Dataset<Row> accepted = spark.createDataFrame(acceptedRows.javaRDD(), rules.accepted());
    DatasetReport report = new DatasetReport(name, raw.file(), raw.sha256(), read, read - rejected, rejected);
    return new Outcome(accepted, report, checkResults(checked, rules, read, "rejects/" + name + ".csv"));
  }

  private static void writeRejects(Dataset<Row> checked, Path file) {
    Iterator<Row> rows =
        checked.filter(col(CheckedRows.REASON).isNotNull())
            .select(col(RawTable.LINE), col(RawTable.RAW), col(CheckedRows.REASON))
            .orderBy(col(RawTable.LINE))
            .toLocalIterator();
    CsvTableWriter.write(file, REJECTS_HEADER, () -> new Iterator<>() {
      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public List<String> next() {
        Row r = rows.next();
        return List.of(Long.toString(r.getLong(0)), SpreadsheetCells.text(r.getString(1)),
            SpreadsheetCells.text(r.getString(2)));
      }
    });
  }

  private static List<CheckResult> checkResults(Dataset<Row> checked, RowRules rules, long read, String rejects) {
    Map<String, Long> failed = new HashMap<>();
    for (Row r : checked.filter(col(CheckedRows.CHECKS).isNotNull())
        .select(explode(split(col(CheckedRows.CHECKS), ",")).as("check"))
        .groupBy("check").count().collectAsList()) {
      failed.put(r.getString(0), r.getLong(1));
    }
    List<CheckResult> results = new ArrayList<>();
    for (String check : rules.checks()) {
      long n = failed.getOrDefault(check, 0L);
      results.add(new CheckResult(rules.spec().name(), check, "error", n == 0 ? "passed" : "failed", read, n,
          n == 0 ? "no row fails" : n + " row(s) rejected, see " + rejects));
    }
    return results;
  }
}
