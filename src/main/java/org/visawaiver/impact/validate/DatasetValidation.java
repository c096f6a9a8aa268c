package org.visawaiver.impact.validate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.size;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.visawaiver.impact.config.InputException;
import org.visawaiver.impact.ingest.DriverTable;
import org.visawaiver.impact.ingest.InputReader;
import org.visawaiver.impact.ingest.RawTable;
import org.visawaiver.impact.io.CsvTableWriter;
import org.visawaiver.impact.io.SpreadsheetCells;
import org.visawaiver.impact.spark.CachedTable;

/**
 * Validates one dataset: read, row rules, set rules ({@link CheckedRows}); writes
 * {@code rejects/<dataset>.csv} in line order (header only when nothing was rejected) and returns
 * the typed accepted rows as a cached Dataset, the report and the check results. The rows stay in
 * Spark: the driver receives only counts per combination of failed checks and the rejected rows
 * (when there are many, one partition at a time while it writes them).
 */
final class DatasetValidation {
  static final List<String> REJECTS_HEADER = List.of("line", "raw", "reason");
  private static final int SORT_ON_DRIVER = 100_000;

  private DatasetValidation() {}

  record Outcome(Dataset<Row> accepted, DatasetReport report, List<CheckResult> checks) {}

  /**
   * @param driverMaxBytes a CSV file up to this size is read and checked on the driver
   *     ({@link #onDriver}: same rules, same rejects, reports and rows, no Spark job); larger files
   *     and Parquet by Spark tasks
   */
  static Outcome validate(SparkSession spark, RowRules rules, Path file, Path out, Plausibility plausibility,
      long csvSplitBytes, long driverMaxBytes) {
    if (InputReader.fitsDriver(file, driverMaxBytes)) {
      return onDriver(spark, rules, file, out, plausibility, csvSplitBytes);
    }
    String name = rules.spec().name();
    RawTable raw = InputReader.read(spark, rules.spec(), file, csvSplitBytes);
    Dataset<Row> checked =
        CheckedRows.check(raw.rows(), rules, plausibility).persist(StorageLevel.MEMORY_AND_DISK());
    // One job: rows per combination of failed checks (a few combinations), which fills the cache.
    long read = 0;
    long acceptedRows = 0;
    Map<String, Long> failed = new LinkedHashMap<>();
    for (Row r : checked.groupBy(col(CheckedRow.CHECKS)).count().collectAsList()) {
      List<String> checks = r.getList(0);
      read += r.getLong(1);
      acceptedRows += checks.isEmpty() ? r.getLong(1) : 0;
      checks.forEach(check -> failed.merge(check, r.getLong(1), Long::sum));
    }
    raw.release();
    if (read == 0 && !rules.mayBeEmpty()) {
      checked.unpersist();
    }
    requireRows(rules, raw.file(), read);
    Column rejected = size(col(CheckedRow.REASONS)).gt(0);
    writeRejects(checked.filter(rejected), read - acceptedRows, out.resolve("rejects").resolve(name + ".csv"));
    Dataset<Row> accepted = checked.filter(rejected.unary_$bang())
        .map((MapFunction<Row, Row>) CheckedRow::acceptedValues, Encoders.row(rules.accepted()))
        .persist(StorageLevel.MEMORY_AND_DISK());
    accepted.count();
    checked.unpersist();
    DatasetReport report =
        new DatasetReport(name, raw.file(), raw.sha256(), read, acceptedRows, read - acceptedRows);
    return new Outcome(accepted, report, checkResults(failed, rules, read, "rejects/" + name + ".csv"));
  }

  /**
   * A small CSV file validated on the driver: the rows in file order through the same rules
   * ({@link CheckedRows#checkOnDriver}), the same rejects file, report and check results; the
   * accepted rows are cached by Spark from the driver's list (one job).
   */
  private static Outcome onDriver(SparkSession spark, RowRules rules, Path file, Path out,
      Plausibility plausibility, long csvSplitBytes) {
    String name = rules.spec().name();
    DriverTable raw = InputReader.readOnDriver(rules.spec(), file, csvSplitBytes);
    List<CheckedRow> checked = CheckedRows.checkOnDriver(raw.rows(), rules, plausibility);
    requireRows(rules, raw.file(), checked.size());
    Map<String, Long> failed = new LinkedHashMap<>();
    List<Row> accepted = new ArrayList<>();
    List<Row> rejected = new ArrayList<>();
    for (CheckedRow r : checked) {
      r.checks().forEach(check -> failed.merge(check, 1L, Long::sum));
      if (r.accepted()) {
        accepted.add(r.acceptedRow());
      } else {
        rejected.add(RowFactory.create(r.line, r.raw, r.reason()));
      }
    }
    rejected.sort(Comparator.comparingLong(r -> r.getLong(0)));
    writeRejectRows(rejected.iterator(), out.resolve("rejects").resolve(name + ".csv"));
    long read = checked.size();
    DatasetReport report =
        new DatasetReport(name, raw.file(), raw.sha256(), read, accepted.size(), read - accepted.size());
    // Cached and behind a one-scan plan: a local relation of the rows in every later plan would
    // be copied into each plan and re-evaluated row by row by the optimizer (ConvertToLocalRelation)
    // for every query of the panel step.
    Dataset<Row> rows = spark.createDataFrame(accepted, rules.accepted()).persist(StorageLevel.MEMORY_AND_DISK());
    rows.count();
    return new Outcome(CachedTable.shortPlan(rows), report,
        checkResults(failed, rules, read, "rejects/" + name + ".csv"));
  }

  private static void requireRows(RowRules rules, String file, long read) {
    if (read == 0 && !rules.mayBeEmpty()) {
      throw new InputException(file + ": " + rules.spec().name() + " has no data rows (only a header or schema);"
          + " expected at least one row with " + String.join(", ", rules.spec().required())
          + " (CONTRACT.md); nothing was validated");
    }
  }

  /**
   * The rejected rows in line order: up to {@value #SORT_ON_DRIVER} of them sorted on the driver
   * (one job), more sorted by Spark and fetched one partition at a time.
   */
  private static void writeRejects(Dataset<Row> rejected, long count, Path file) {
    Dataset<Row> rows =
        rejected.select(col(CheckedRow.LINE), col(CheckedRow.RAW), concat_ws("; ", col(CheckedRow.REASONS)));
    Iterator<Row> sorted;
    if (count <= SORT_ON_DRIVER) {
      List<Row> few = new ArrayList<>(rows.collectAsList());
      few.sort(Comparator.comparingLong(r -> r.getLong(0)));
      sorted = few.iterator();
    } else {
      sorted = rows.orderBy(CheckedRow.LINE).toLocalIterator();
    }
    writeRejectRows(sorted, file);
  }

  /** Rows (line, raw, reason) in line order as {@code rejects/<dataset>.csv}. */
  private static void writeRejectRows(Iterator<Row> sorted, Path file) {
    CsvTableWriter.write(file, REJECTS_HEADER, CsvTableWriter.rows(sorted,
        r -> List.of(Long.toString(r.getLong(0)), SpreadsheetCells.text(r.getString(1)),
            SpreadsheetCells.text(r.getString(2)))));
  }

  private static List<CheckResult> checkResults(Map<String, Long> failed, RowRules rules, long read, String rejects) {
    List<CheckResult> results = new ArrayList<>();
    for (String check : rules.checks()) {
      long n = failed.getOrDefault(check, 0L);
      results.add(new CheckResult(rules.spec().name(), check, "error", n == 0 ? "passed" : "failed", read, n,
          n == 0 ? "no row fails" : n + " row(s) rejected, see " + rejects));
    }
    return results;
  }
}
