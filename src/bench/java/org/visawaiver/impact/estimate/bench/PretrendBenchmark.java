package org.visawaiver.impact.estimate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.visawaiver.impact.config.JobConfig;
import org.visawaiver.impact.domain.WaiverTerms;
import org.visawaiver.impact.estimate.EstimationStep;
import org.visawaiver.impact.estimate.eventstudy.EventStudy;
import org.visawaiver.impact.estimate.eventstudy.SunAbrahamAggregation;
import org.visawaiver.impact.estimate.spec.EstimationSettings;
import org.visawaiver.impact.estimate.spec.ModelSpec;
import org.visawaiver.impact.estimate.spec.VcovSpec;
import org.visawaiver.impact.io.CsvTableWriter;
import org.visawaiver.impact.io.SpreadsheetCells;
import org.visawaiver.impact.panel.PanelBuilder;
import org.visawaiver.impact.spark.SparkSessions;
import org.visawaiver.impact.validate.InputValidation;
import org.visawaiver.impact.validate.ValidatedInputs;

/**
 * scripts/bench-pretrend --worlds DIR --out DIR [--generate N] [--seed S] [--calibrated]
 * [--set key=value]...: the size of the event study's pre-trend test and the coverage of its ATT
 * interval on worlds without any pre-trend. For every world folder in DIR (arrivals.csv,
 * visa_policy.csv, advisories.csv, truth.csv) runs validate, panel and the event study of every
 * compared destination with the default model (as `estimate` does) in one JVM, and writes
 * OUT/pretrend.csv (per destination and variance, the model's and the heteroskedasticity-robust
 * one as a diagnosis: worlds, rejection rate at 5% of the chi-squared test and of
 * the bootstrap test, ATT coverage, mean ATT, truth) and OUT/pretrend_worlds.csv (one row per
 * world and destination, with the eigenvalue spread of the pre bins' covariance). --generate N
 * first writes N worlds with the project's sample generator, without the calibration to published
 * figures unless --calibrated (seeds S+1..S+N), so that the default model holds exactly and the
 * generator builds no pre-trend in.
 */
public final class PretrendBenchmark {
  static final double ALPHA = 0.05;
  static final String WORLDS_FILE = "pretrend_worlds.csv";
  static final List<String> WORLD_COLUMNS = List.of("world", "seconds", "destination", "vcov",
      "treated_pairs", "cohorts", "truth", "att", "att_std_error", "att_covered", "pretrend_wald",
      "pretrend_df", "pretrend_p_value", "pretrend_boot_p_value", "rvr_min_eigenvalue",
      "rvr_max_eigenvalue", "bins");

  private PretrendBenchmark() {}

  public static void main(String[] args) throws IOException {
    BenchWorlds.Options opts = BenchWorlds.parse(args, 3000, true, PretrendBenchmark::usage);
    Path worlds = opts.worlds();
    Path out = opts.out();
    List<String> sets = opts.sets();
    List<Path> dirs = BenchWorlds.prepare(worlds, opts.generate(), opts.seed(), opts.calibrated());
    if (dirs == null) {
      usage("no world folder with truth.csv in " + worlds);
    }
    Files.createDirectories(out);
    JobConfig base = JobConfig.load(null, false, sets);
    SparkSession spark = SparkSessions.create(base.section("spark"));
    // resumes: the worlds of an earlier run into the same OUT are kept and not run again
    List<List<String>> perWorld = readWorlds(out.resolve(WORLDS_FILE));
    java.util.Set<String> done = new java.util.HashSet<>();
    perWorld.forEach(row -> done.add(row.get(0)));
    for (Path dir : dirs) {
      if (done.contains(dir.getFileName().toString())) {
        continue;
      }
      long t0 = System.nanoTime();
      Path tmp = Files.createTempDirectory("pretrend");
      List<String> o = new ArrayList<>(List.of("data.dir=" + dir, "output.dir=" + tmp));
      o.addAll(sets);
      JobConfig config = JobConfig.load(null, false, o);
      ValidatedInputs inputs = InputValidation.run(spark, config, tmp, false);
      Dataset<Row> panel = PanelBuilder.build(inputs, config).cache();
      EstimationSettings settings = EstimationSettings.from(config.section("estimate"));
      ModelSpec model = settings.models().get(0);
      // the model's variance, and the heteroskedasticity-robust one as a diagnosis: the
      // generator's noise is independent across months, so that variance is right here
      List<EventStudy.Result> results = EventStudy.run(panel, EstimationStep.EVENT_COLUMNS,
          settings, model, settings.compare(), List.of(model.vcov(), new VcovSpec.Hetero()));
      panel.unpersist();
      double seconds = (System.nanoTime() - t0) / 1e9;
      Map<String, Double> truth = CoverageBenchmark.readTruth(dir.resolve("truth.csv"));
      for (EventStudy.Result r : results) {
        Double t = truth.get(WaiverTerms.of(r.group()));
        SunAbrahamAggregation.Pooled att = r.aggregates().att();
        SunAbrahamAggregation.PretrendTest pre = r.aggregates().pretrend();
        boolean covered = t != null && att.ciLow() <= t && t <= att.ciHigh();
        double[] eig = eigenvalues(pre.restriction(), r.fit().vcov());
        String vcov = r.fit().vcovLabel();
        perWorld.add(List.of(dir.getFileName().toString(), SpreadsheetCells.exact(seconds),
            r.group(), vcov, Long.toString(r.treatedUnits()), Long.toString(r.cohorts()),
            SpreadsheetCells.exact(t == null ? Double.NaN : t),
            SpreadsheetCells.exact(att.estimate()), SpreadsheetCells.exact(att.stdError()),
            Boolean.toString(covered), SpreadsheetCells.exact(pre.wald()),
            Integer.toString(pre.df()), SpreadsheetCells.exact(pre.pValue()),
            SpreadsheetCells.exact(pre.bootPValue()),
            SpreadsheetCells.exact(eig.length == 0 ? Double.NaN : eig[0]),
            SpreadsheetCells.exact(eig.length == 0 ? Double.NaN : eig[eig.length - 1]),
            bins(r)));
      }
      System.err.printf("pretrend: %s in %.1f s%n", dir.getFileName(), seconds);
      CoverageBenchmark.deleteTree(tmp);
      // rewritten after every world: an interrupted run leaves the worlds done so far
      write(out, perWorld);
    }
    write(out, perWorld);
    spark.stop();
  }

  /** Eigenvalues of R V R', ascending. */
  static double[] eigenvalues(double[][] r, double[][] v) {
    if (r.length == 0) {
      return new double[0];
    }
    RealMatrix rm = new Array2DRowRealMatrix(r, false);
    RealMatrix rvr = rm.multiply(new Array2DRowRealMatrix(v, false)).multiply(rm.transpose());
    double[] e = new EigenDecomposition(rvr).getRealEigenvalues().clone();
    java.util.Arrays.sort(e);
    return e;
  }

  /** The bins as name=estimate(se) for the per-world file. */
  private static String bins(EventStudy.Result r) {
    List<String> b = new ArrayList<>();
    for (SunAbrahamAggregation.BinEstimate e : r.aggregates().bins()) {
      if (!e.reference()) {
        b.add(e.bin().name() + "=" + SpreadsheetCells.number(e.estimate(), 3) + "("
            + SpreadsheetCells.number(e.stdError(), 3) + ")");
      }
    }
    return SpreadsheetCells.text(String.join(" ", b));
  }

  /** Writes both files; the summary from the per-world rows. */
  private static void write(Path out, List<List<String>> perWorld) {
    Map<String, Tally> tallies = new LinkedHashMap<>();
    for (List<String> w : perWorld) {
      tallies.computeIfAbsent(w.get(2) + "\u0000" + w.get(3),
          k -> new Tally(w.get(2), w.get(3), number(w.get(6))))
          .add(number(w.get(12)), number(w.get(13)), Boolean.parseBoolean(w.get(9)),
              number(w.get(7)));
    }
    List<List<String>> rows = new ArrayList<>();
    tallies.values().forEach(t -> rows.add(t.row()));
    CsvTableWriter.write(out.resolve("pretrend.csv"), List.of("destination", "vcov", "worlds",
        "chi2_reject_5pct", "boot_reject_5pct", "boot_worlds", "att_coverage", "mean_att",
        "truth"), rows);
    CsvTableWriter.write(out.resolve(WORLDS_FILE), WORLD_COLUMNS, perWorld);
  }

  private static double number(String cell) {
    return cell.isEmpty() ? Double.NaN : Double.parseDouble(cell);
  }

  /** The per-world rows of an earlier run, or none. */
  private static List<List<String>> readWorlds(Path file) throws IOException {
    List<List<String>> rows = new ArrayList<>();
    if (!Files.isRegularFile(file)) {
      return rows;
    }
    try (java.io.Reader in = Files.newBufferedReader(file)) {
      for (org.apache.commons.csv.CSVRecord r : org.apache.commons.csv.CSVFormat.DEFAULT.builder()
          .setHeader().setSkipHeaderRecord(true).build().parse(in)) {
        rows.add(new ArrayList<>(r.toList()));
      }
    }
    return rows;
  }

  /** Rejections and coverage of one destination. */
  private static final class Tally {
    final String destination;
    final String vcov;
    final double truth;
    int worlds;
    int chi2Tests;
    int chi2Rejects;
    int bootTests;
    int bootRejects;
    int covered;
    double att;

    Tally(String destination, String vcov, double truth) {
      this.destination = destination;
      this.vcov = vcov;
      this.truth = truth;
    }

    void add(double p, double bootP, boolean in, double estimate) {
      worlds++;
      if (!Double.isNaN(p)) {
        chi2Tests++;
        chi2Rejects += p < ALPHA ? 1 : 0;
      }
      if (!Double.isNaN(bootP)) {
        bootTests++;
        bootRejects += bootP < ALPHA ? 1 : 0;
      }
      covered += in ? 1 : 0;
      att += estimate;
    }

    List<String> row() {
      return List.of(destination, vcov, Integer.toString(worlds),
          share(chi2Rejects, chi2Tests), share(bootRejects, bootTests),
          Integer.toString(bootTests), share(covered, worlds),
          SpreadsheetCells.number(att / worlds, 4), SpreadsheetCells.exact(truth));
    }

    private static String share(int n, int of) {
      return of == 0 ? "" : SpreadsheetCells.number(n / (double) of, 3);
    }
  }

  private static void usage(String why) {
    System.err.println("bench-pretrend: " + why + "\nusage: scripts/bench-pretrend --worlds DIR "
        + "--out DIR [--generate N] [--seed S] [--calibrated] [--set key=value]...");
    System.exit(2);
  }
}
