package org.visawaiver.impact.validate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.visawaiver.impact.io.CsvTableWriter;
import org.visawaiver.impact.io.SpreadsheetCells;
import org.visawaiver.impact.config.InputException;
import org.visawaiver.impact.ingest.InputReader;
import org.visawaiver.impact.ingest.RawTable;

/**
 * Validates one dataset: read, row rules, set rules; writes {@code rejects/<dataset>.csv} (header
 * only when nothing was rejected) and returns the typed accepted rows as a cached Dataset, the
 * report and the check results. The rules run in one pass over the rows in file order on the
 * driver, where the reader left them (line numbers and "the first row wins" need that order);
 * Spark takes over with the accepted rows.
 */
final class DatasetValidation {
  static final List<String> REJECTS_HEADER = List.of("line", "raw", "reason");
  private static final int ROWS_PER_SLICE = 20_000;

  private DatasetValidation() {}

  record Outcome(Dataset<Row> accepted, DatasetReport report, List<CheckResult> checks) {}

  static Outcome validate(SparkSession spark, RowRules rules, Path file, Path out, Plausibility plausibility) {
    String name = rules.spec().name();
    RawTable raw = InputReader.read(spark, rules.spec(), file);
    if (raw.rows().isEmpty() && !rules.mayBeEmpty()) {
      throw new InputException(raw.file() + ": " + name + " has no data rows (only a header or schema); expected at least one"
          + " row with " + String.join(", ", rules.spec().required()) + " (CONTRACT.md); nothing was validated");
    }
    Map<String, Integer> index = index(rules);
    List<CheckedRow> checked = new ArrayList<>(raw.rows().size());
    for (Row r : raw.rows()) {
      checked.add(CheckedRow.check(r, rules, index));
    }
    SetRules.apply(checked, rules);
    plausibility.apply(checked, rules);

    List<Row> accepted = new ArrayList<>();
    List<List<String>> rejects = new ArrayList<>();
    Map<String, Long> failed = new LinkedHashMap<>();
    for (CheckedRow c : checked) {
      if (c.accepted()) {
        accepted.add(c.acceptedRow());
      } else {
        rejects.add(List.of(Long.toString(c.line), SpreadsheetCells.text(c.raw), SpreadsheetCells.text(c.reason())));
        c.checks().forEach(check -> failed.merge(check, 1L, Long::sum));
      }
    }
    CsvTableWriter.write(out.resolve("rejects").resolve(name + ".csv"), REJECTS_HEADER, rejects);
    DatasetReport report =
        new DatasetReport(name, raw.file(), raw.sha256(), checked.size(), accepted.size(), rejects.size());
    return new Outcome(toDataset(spark, accepted, rules), report,
        checkResults(failed, rules, checked.size(), "rejects/" + name + ".csv"));
  }

  private static Dataset<Row> toDataset(SparkSession spark, List<Row> rows, RowRules rules) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    // Small slices keep each task's serialized rows small (Spark warns above 1 MB).
    int slices = Math.max(jsc.defaultParallelism(), rows.size() / ROWS_PER_SLICE + 1);
    return spark.createDataFrame(jsc.parallelize(rows, slices), rules.accepted())
        .persist(StorageLevel.MEMORY_AND_DISK());
  }

  private static Map<String, Integer> index(RowRules rules) {
    Map<String, Integer> index = new java.util.HashMap<>();
    String[] names = InputReader.schema(rules.spec()).fieldNames();
    for (int i = 0; i < names.length; i++) {
      index.put(names[i], i);
    }
    return index;
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
