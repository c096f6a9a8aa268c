package org.visawaiver.impact.estimate.bench;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.visawaiver.impact.config.JobConfig;
import org.visawaiver.impact.estimate.EstimationStep;
import org.visawaiver.impact.estimate.result.CoefficientRow;
import org.visawaiver.impact.estimate.result.FitResult;
import org.visawaiver.impact.estimate.inference.TermInference;
import org.visawaiver.impact.estimate.spec.BootstrapSettings;
import org.visawaiver.impact.estimate.spec.EstimationSettings;
import org.visawaiver.impact.io.CsvTableWriter;
import org.visawaiver.impact.io.SpreadsheetCells;
import org.visawaiver.impact.panel.PanelBuilder;
import org.visawaiver.impact.spark.SparkSessions;
import org.visawaiver.impact.validate.InputValidation;
import org.visawaiver.impact.validate.ValidatedInputs;

/**
 * scripts/bench-coverage --worlds DIR --out DIR [--generate N] [--seed S] [--set key=value]...:
 * for every world folder in DIR (arrivals.csv, visa_policy.csv, advisories.csv, truth.csv with
 * term,value) runs validate, panel and the default model's estimate in one JVM, and writes
 * OUT/coverage.csv (term, interval, worlds, covered, coverage, mean_width, mean_bias) and
 * OUT/coverage_worlds.csv (one row per world, term and interval, with the seconds the world took).
 * --generate N first writes N worlds with the project's sample generator (seeds S+1..S+N; the
 * sample's design, fresh draws, without the calibration to published figures, whose pair-year
 * factors the model does not contain, so that truth.csv is the data's exact truth). Intervals: cluster (estimate ± critical value x cluster SE),
 * wild_bootstrap (boot_ci_low/high; the bench bootstraps every term), cluster_bc (when the fit
 * reports bias-corrected estimates), cluster_bc_t, jackknife, jackknife_bc (leave-one-cluster-out
 * CV3) and default (what estimate.interval puts in ci_low/ci_high), each from FitResult.interval;
 * an unbounded interval covers. OUT/coverage_pieces.csv holds per world and term the estimates,
 * SEs (cluster, Weidner-Zylkin, jackknife, jackknife with the Weidner-Zylkin leverage), G*, G and bootstrap ends, so that other critical
 * values can be compared offline.
 */
public final class CoverageBenchmark {
  /** Rows of sample_truth.csv that are generator parameters, not effects. */
  private static final java.util.Set<String> GENERATOR_PARAMETERS = java.util.Set.of("seed", "nb_shape");

  private CoverageBenchmark() {}

  public static void main(String[] args) throws IOException {
    BenchWorlds.Options opts = BenchWorlds.parse(args, 1000, false, CoverageBenchmark::usage);
    Path worlds = opts.worlds();
    Path out = opts.out();
    List<String> sets = opts.sets();
    // without the calibration to published figures: its pair-year factors are not in the model,
    // so with them truth.csv would not be the data's truth
    List<Path> dirs = BenchWorlds.prepare(worlds, opts.generate(), opts.seed(), false);
    if (dirs == null) {
      usage("no world folder with truth.csv in " + worlds);
    }
    Files.createDirectories(out);
    JobConfig base = JobConfig.load(null, false, sets);
    String configured = base.section("estimate").getString("interval");
    SparkSession spark = SparkSessions.create(base.section("spark"));
    Map<String, Tally> tallies = new LinkedHashMap<>();
    List<List<String>> perWorld = new ArrayList<>();
    List<List<String>> pieces = new ArrayList<>();
    for (Path dir : dirs) {
      long t0 = System.nanoTime();
      Path tmp = Files.createTempDirectory("coverage");
      List<String> o = new ArrayList<>(List.of("data.dir=" + dir, "output.dir=" + tmp,
          "estimate.event-study.enabled=false", "estimate.bootstrap.terms=all",
          "estimate.bootstrap.ppml-restricted-p=false"));
      o.addAll(sets);
      JobConfig config = JobConfig.load(null, false, o);
      ValidatedInputs inputs = InputValidation.run(spark, config, tmp, false);
      Dataset<Row> panel = PanelBuilder.build(inputs, config).cache();
      EstimationSettings all = EstimationSettings.from(config.section("estimate"));
      EstimationSettings settings = all.withModels(List.of(all.models().get(0)));
      FitResult fit = EstimationStep.fitAll(panel, settings).get(0);
      panel.unpersist();
      double seconds = (System.nanoTime() - t0) / 1e9;
      Map<String, Double> truth = readTruth(dir.resolve("truth.csv"));
      double crit = fit.critical();
      List<Long> g = fit.correction().clusters();
      long clusters = g.isEmpty() ? 0 : g.get(0);
      for (CoefficientRow r : fit.table()) {
        Double t = truth.get(r.term());
        if (t == null) {
          continue;
        }
        TermInference ti = r.inference();
        double b = r.estimate();
        double se = r.stdError();
        int i = fit.terms().indexOf(r.term());
        double bc = fit.estimateBc(i);
        double sbc = fit.stdErrorBc(i);
        pieces.add(List.of(dir.getFileName().toString(), r.term(), SpreadsheetCells.exact(t),
            SpreadsheetCells.exact(b), SpreadsheetCells.exact(se), SpreadsheetCells.exact(bc),
            SpreadsheetCells.exact(sbc), Integer.toString(ti.treatedClusters()),
            SpreadsheetCells.exact(ti.effectiveClusters()), SpreadsheetCells.exact(ti.bootLow()),
            SpreadsheetCells.exact(ti.bootHigh()), SpreadsheetCells.exact(crit),
            SpreadsheetCells.exact(ti.jackknifeStdError()), Long.toString(clusters),
            SpreadsheetCells.exact(fit.jackknifeStdErrorBc(i))));
        for (String type : BootstrapSettings.INTERVALS) {
          FitResult.Reported rep = fit.interval(i, type);
          if (rep.interval().equals(type)) {
            record(tallies, perWorld, dir, seconds, r.term(), type, t, rep.estimate(), rep.low(),
                rep.high());
          }
        }
        // what `estimate` reports under the configuration (bootstrap.terms = all here)
        record(tallies, perWorld, dir, seconds, r.term(), "default", t,
            fit.interval(i, configured).estimate(), r.ciLow(), r.ciHigh());
      }
      System.err.printf("coverage: %s in %.1f s%n", dir.getFileName(), seconds);
      deleteTree(tmp);
      // rewritten after every world: an interrupted run leaves the worlds done so far
      write(out, tallies, perWorld);
      CsvTableWriter.write(out.resolve("coverage_pieces.csv"), List.of("world", "term", "truth",
          "estimate", "std_error", "estimate_bc", "std_error_bc", "treated_clusters",
          "effective_clusters", "boot_low", "boot_high", "critical", "std_error_jk", "clusters",
          "std_error_jk_bc"),
          pieces);
    }
    spark.stop();
  }

  private static void write(Path out, Map<String, Tally> tallies, List<List<String>> perWorld) {
    List<List<String>> rows = new ArrayList<>();
    tallies.values().forEach(t -> rows.add(t.row()));
    CsvTableWriter.write(out.resolve("coverage.csv"), List.of("term", "interval", "worlds",
        "covered", "coverage", "mean_width", "mean_bias"), rows);
    CsvTableWriter.write(out.resolve("coverage_worlds.csv"), List.of("world", "seconds", "term",
        "interval", "truth", "estimate", "low", "high", "covered"), perWorld);
  }

  private static void record(Map<String, Tally> tallies, List<List<String>> perWorld, Path dir,
      double seconds, String term, String interval, double truth, double estimate, double low,
      double high) {
    if (Double.isNaN(low) || Double.isNaN(high)) {
      return;
    }
    boolean covered = low <= truth && truth <= high;
    tallies.computeIfAbsent(term + "\u0000" + interval, k -> new Tally(term, interval))
        .add(covered, high - low, estimate - truth);
    perWorld.add(List.of(dir.getFileName().toString(), SpreadsheetCells.exact(seconds), term,
        interval, SpreadsheetCells.exact(truth), SpreadsheetCells.exact(estimate),
        SpreadsheetCells.exact(low), SpreadsheetCells.exact(high), Boolean.toString(covered)));
  }

  /** Coverage of one term under one interval type. */
  private static final class Tally {
    final String term;
    final String interval;
    int worlds;
    int covered;
    double width;
    double bias;

    Tally(String term, String interval) {
      this.term = term;
      this.interval = interval;
    }

    void add(boolean in, double w, double b) {
      worlds++;
      covered += in ? 1 : 0;
      width += w;
      bias += b;
    }

    List<String> row() {
      return List.of(term, interval, Integer.toString(worlds), Integer.toString(covered),
          SpreadsheetCells.number(covered / (double) worlds, 3),
          SpreadsheetCells.number(width / worlds, 4), SpreadsheetCells.number(bias / worlds, 4));
    }
  }

  /**
   * truth.csv (term,value) from the generator's sample_truth.csv: the effects, without the
   * generator's parameters (seed, noise shape); only terms the model estimates are scored.
   */
  static void writeTruth(Path dir) throws IOException {
    List<List<String>> rows = new ArrayList<>();
    try (Reader in = Files.newBufferedReader(dir.resolve("sample_truth.csv"),
        StandardCharsets.UTF_8)) {
      for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
          .parse(in)) {
        String term = r.get("term");
        if (!GENERATOR_PARAMETERS.contains(term)) {
          rows.add(List.of(term, r.get("value")));
        }
      }
    }
    CsvTableWriter.write(dir.resolve("truth.csv"), List.of("term", "value"), rows);
  }

  static Map<String, Double> readTruth(Path file) throws IOException {
    Map<String, Double> out = new LinkedHashMap<>();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
          .parse(in)) {
        out.put(r.get("term"), Double.parseDouble(r.get("value")));
      }
    }
    return out;
  }

  static void deleteTree(Path p) throws IOException {
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(q);
      }
    }
  }

  private static void usage(String why) {
    System.err.println("bench-coverage: " + why + "\nusage: scripts/bench-coverage --worlds DIR "
        + "--out DIR [--generate N] [--seed S] [--set key=value]...");
    System.exit(2);
  }
}
