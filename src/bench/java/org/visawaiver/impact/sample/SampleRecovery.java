package org.visawaiver.impact.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.visawaiver.impact.io.CsvTableWriter;

/**
 * scripts/bench-sample-recovery: compares a run's {@code estimates/coefficients.csv} with the
 * sample's {@code sample_truth.csv}: one row per model and term with the estimate, the reported
 * interval (ci_low, ci_high and its kind, the `interval` column) and whether it holds the truth.
 * Usage: SampleRecovery OUT_DIR DATA_DIR RESULT_CSV; exit status 1 when any interval misses.
 */
public final class SampleRecovery {
  private SampleRecovery() {}

  public static void main(String[] args) {
    if (args.length != 3) {
      System.err.println("usage: SampleRecovery OUT_DIR DATA_DIR RESULT_CSV");
      System.exit(2);
    }
    List<List<String>> rows = compare(Path.of(args[0]), Path.of(args[1]));
    CsvTableWriter.write(Path.of(args[2]),
        List.of("model", "term", "estimate", "ci_low", "ci_high", "interval", "truth", "covered"), rows);
    long missed = rows.stream().filter(r -> r.get(7).equals("false")).count();
    for (List<String> r : rows) {
      System.out.printf("%-5s %-25s %9.4f  [%8.4f, %8.4f]  %-15s truth %6.3f  %s%n", r.get(0), r.get(1),
          Double.parseDouble(r.get(2)), Double.parseDouble(r.get(3)), Double.parseDouble(r.get(4)), r.get(5),
          Double.parseDouble(r.get(6)), r.get(7).equals("true") ? "covered" : "MISSED");
    }
    System.out.println(rows.size() - missed + " of " + rows.size() + " intervals hold the truth");
    System.exit(missed == 0 ? 0 : 1);
  }

  /** One row per coefficient whose term has a truth: model, term, estimate, interval, truth, covered. */
  static List<List<String>> compare(Path out, Path data) {
    Map<String, String> truth = new LinkedHashMap<>();
    for (Map<String, String> r : read(data.resolve("sample_truth.csv"))) {
      truth.put(r.get("term"), r.get("value"));
    }
    List<List<String>> rows = new ArrayList<>();
    for (Map<String, String> r : read(out.resolve("estimates/coefficients.csv"))) {
      String value = truth.get(r.get("term"));
      if (value == null) {
        continue;
      }
      double t = Double.parseDouble(value);
      boolean covered = Double.parseDouble(r.get("ci_low")) <= t && t <= Double.parseDouble(r.get("ci_high"));
      rows.add(List.of(r.get("model"), r.get("term"), r.get("estimate"), r.get("ci_low"), r.get("ci_high"),
          r.get("interval"), value, Boolean.toString(covered)));
    }
    return rows;
  }

  /** A CSV without quoted commas in the columns read here (coefficients.csv, sample_truth.csv). */
  private static List<Map<String, String>> read(Path file) {
    try {
      List<String> lines = Files.readAllLines(file);
      String[] header = lines.get(0).split(",", -1);
      List<Map<String, String>> rows = new ArrayList<>();
      for (String line : lines.subList(1, lines.size())) {
        String[] f = line.split(",", -1);
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < header.length && i < f.length; i++) {
          row.put(header[i], f[i]);
        }
        rows.add(row);
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
