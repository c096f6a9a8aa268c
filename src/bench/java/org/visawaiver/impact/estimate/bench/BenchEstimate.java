package org.visawaiver.impact.estimate.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.visawaiver.impact.domain.WaiverTerms;
import org.visawaiver.impact.config.JobConfig;
import org.visawaiver.impact.estimate.exec.BlockStorage;
import org.visawaiver.impact.estimate.fit.ModelFitter;
import org.visawaiver.impact.estimate.result.FitResult;
import org.visawaiver.impact.estimate.spec.EstimationSettings;
import org.visawaiver.impact.estimate.spec.ModelSpec;
import org.visawaiver.impact.io.CsvTableWriter;
import org.visawaiver.impact.io.SpreadsheetCells;
import org.visawaiver.impact.spark.SparkSessions;

/**
 * {@code scripts/bench-estimate [--rows N[,N...]] [--out DIR] [--vs-fixest]}: generates seeded
 * panels shaped like ours, writes each as DIR/bench_panel_ROWS.csv, fits the default PPML model and
 * writes DIR/bench_estimate.csv (rows, fit_seconds, job_seconds, iterations, peak_heap_mb, ...).
 * fit_seconds: model frame to variance, on the cached panel; job_seconds: generation, CSV writing
 * and fit together. With --vs-fixest, R fixest fits the same saved panel in a fresh R process
 * ({@link FixestRun}, {@value #FIXEST_THREADS} threads) when Rscript and fixest are installed, and
 * the table gets fixest_fit_seconds, fixest_peak_rss_mb, ratio (ours / fixest), the largest
 * relative coefficient difference, the 1-minute load before each fit and both fits' CPU seconds
 * (less sensitive than wall time to other work on the machine); our fit then leaves out what
 * fepois() does not compute (Weidner-Zylkin corrections, wild bootstrap). With --format parquet the panel
 * is written as Parquet to a temporary folder (deleted after the fit) and read back for the fit,
 * so no CSV of the panel is made (1e8 rows), and the table is DIR/bench_estimate_parquet.csv with
 * a storage_level column; --storage-level sets estimate.storage-level (e.g. MEMORY_AND_DISK_SER);
 * --set key=value any other setting (e.g. estimate.executor=spark, to measure the Spark path).
 * --parquet-panel DIR fits a Parquet panel written before (by a run stopped after
 * writing it: same seed, same --rows) instead of generating one, and leaves it in place.
 * --estimates-only fits what --vs-fixest fits (estimates and the clustered variance: no
 * Weidner-Zylkin corrections, no bootstrap, whose restricted score bootstrap refits the model once
 * per term) without R, for sizes where the extra refits would multiply the time (1e8 rows).
 * spark_jobs: the Spark jobs of our fit (model frame, filters, IRLS passes, variance).
 */
public final class BenchEstimate {
  static final long SEED = 20260101L;
  /** Threads of the fixest fit: the cores of this machine, as local[*] gives Spark. */
  static final int FIXEST_THREADS = 2;

  private BenchEstimate() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    List<Long> rows = new ArrayList<>(List.of(100_000L, 1_000_000L, 10_000_000L));
    Path out = Path.of("docs");
    boolean vsFixest = false;
    boolean estimatesOnly = false;
    boolean parquet = false;
    String storageLevel = null;
    Path parquetPanel = null;
    List<String[]> sets = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rows" -> {
          rows.clear();
          for (String r : args[++i].split(",")) {
            rows.add((long) Double.parseDouble(r.trim()));
          }
        }
        case "--out" -> out = Path.of(args[++i]);
        case "--vs-fixest" -> vsFixest = true;
        case "--estimates-only" -> estimatesOnly = true;
        case "--format" -> parquet = ParquetPanels.format(args[++i]);
        case "--storage-level" -> storageLevel = args[++i];
        case "--parquet-panel" -> {
          parquetPanel = Path.of(args[++i]);
          parquet = true;
        }
        case "--set" -> sets.add(args[++i].split("=", 2));
        default -> throw new IllegalArgumentException("unknown option " + args[i]
            + "; usage: bench-estimate [--rows N[,N...]] [--out DIR] [--vs-fixest] [--estimates-only]"
            + " [--format csv|parquet] [--parquet-panel DIR]"
            + " [--storage-level LEVEL] [--set estimate.KEY=VALUE]...");
      }
    }
    if (vsFixest) {
      Optional<String> missing = FixestRun.unavailable();
      if (missing.isPresent()) {
        System.out.println("--vs-fixest: " + missing.get()
            + "; writing only our columns (scripts/install-fixest builds fixest)");
        vsFixest = false;
      }
    }
    if (vsFixest && parquet) {
      System.out.println("--vs-fixest needs the CSV panel; with --format parquet only our fit runs");
      vsFixest = false;
    }
    JobConfig config = JobConfig.load(null, false, List.of());
    if (storageLevel != null) {
      config = config.with("estimate." + BlockStorage.KEY, storageLevel);
    }
    for (String[] set : sets) {
      config = config.with(set[0], set.length > 1 ? set[1] : "");
    }
    SparkSession spark = SparkSessions.create(config.section("spark"));
    EstimationSettings configured = EstimationSettings.from(config.section("estimate"));
    // Side by side, both fit the same thing: estimates and the cluster-robust variance. Our
    // configured model would add the Weidner-Zylkin corrections (read from its three-way fixed
    // effects) and the wild bootstrap, which fepois() does not compute.
    ModelSpec configuredModel = configured.models().get(0);
    boolean plain = vsFixest || estimatesOnly;
    ModelSpec model = plain
        ? new ModelSpec(configuredModel.name(), configuredModel.estimator(),
            configuredModel.formula(), configuredModel.vcov(), Optional.empty())
        : configuredModel;
    EstimationSettings settings = plain ? configured.withoutBootstrap() : configured;
    if (plain) {
      System.out.println("our fit without the Weidner-Zylkin corrections and the bootstrap "
          + "(estimates and the clustered variance, what fixest's fepois computes)");
    }
    String level = config.section("estimate").getString(BlockStorage.KEY);
    BlockStorage.use(spark.sparkContext(), level);
    List<List<String>> table = new ArrayList<>();
    Files.createDirectories(out);
    for (long n : rows) {
      resetPeaks();
      long j0 = System.nanoTime();
      SyntheticPanel.Shape shape = SyntheticPanel.Shape.forRows(n);
      Dataset<Row> panel;
      long actual;
      Path panelFile;
      if (parquetPanel != null) {
        panelFile = parquetPanel;
        panel = ParquetPanels.read(spark, panelFile);
        actual = panel.count();
        System.out.printf("rows %d: the Parquet panel %s (%d rows, %d partitions), not generated%n",
            n, panelFile, actual, panel.rdd().getNumPartitions());
      } else if (parquet) {
        panelFile = Files.createTempDirectory("bench-estimate").resolve("bench_panel_" + n + ".parquet");
        panel = ParquetPanels.writeAndRead(spark, SyntheticPanel.generate(spark, shape, SEED,
            ParquetPanels.partitions(n, spark.sparkContext().defaultParallelism())), panelFile);
        actual = panel.count();
        System.out.printf("rows %d: Parquet panel of %d partitions%n", n,
            panel.rdd().getNumPartitions());
      } else {
        panel = SyntheticPanel.generate(spark, shape, SEED,
            spark.sparkContext().defaultParallelism()).cache();
        actual = panel.count();
        panelFile = out.resolve("bench_panel_" + n + ".csv");
        writePanel(panel, panelFile);
      }
      double load = loadAverage();
      long c0 = processCpuNanos();
      int jobsBefore = fitJobs(spark);
      long f0 = System.nanoTime();
      FitResult fit = ModelFitter.fit(panel, model, settings);
      long f1 = System.nanoTime();
      int jobs = fitJobs(spark) - jobsBefore;
      double fitCpuSeconds = (processCpuNanos() - c0) / 1e9;
      panel.unpersist();
      if (parquet && parquetPanel == null) {
        ParquetPanels.delete(panelFile.getParent());
      }
      double fitSeconds = (f1 - f0) / 1e9;
      double jobSeconds = (f1 - j0) / 1e9;
      System.out.printf("rows %d (%d x %d x %d): fit %.1f s, job %.1f s, %d IRLS iterations, "
              + "%d demeaning passes, %d Spark jobs, peak heap %d MB, waiver:VNM %.5f (SE %.5f)%n",
          actual, shape.origins(), shape.destinations(), shape.months(), fitSeconds, jobSeconds,
          fit.iterations(), fit.demeanIterations(), jobs, peakHeapMb(), fit.coefficient(WaiverTerms.of("VNM")),
          fit.stdError(WaiverTerms.of("VNM")));
      List<String> row = new ArrayList<>(List.of(Long.toString(actual),
          SpreadsheetCells.number(fitSeconds, 2), SpreadsheetCells.number(jobSeconds, 2),
          Integer.toString(fit.iterations()), Long.toString(peakHeapMb()),
          Integer.toString(fit.demeanIterations()), Long.toString(fit.observations()),
          Boolean.toString(fit.converged()), SpreadsheetCells.number(load, 2),
          SpreadsheetCells.number(fitCpuSeconds, 2), Integer.toString(jobs)));
      if (parquet) {
        row.add(level);
      }
      if (vsFixest) {
        double fixestLoad = loadAverage();
        FixestRun r = FixestRun.fit(panelFile, model, FIXEST_THREADS);
        System.out.printf("rows %d: fixest fit %.2f s (CPU %.2f s, %d threads), peak RSS %d MB, "
                + "nobs %d; ratio %.2f (CPU %.2f); largest coefficient difference %.1e; "
                + "load %.2f / %.2f%n", actual, r.fitSeconds(), r.fitCpuSeconds(), FIXEST_THREADS,
            r.peakRssMb(), r.observations(), fitSeconds / r.fitSeconds(),
            fitCpuSeconds / r.fitCpuSeconds(), r.maxCoefficientDifference(fit), load, fixestLoad);
        row.addAll(List.of(SpreadsheetCells.number(r.fitSeconds(), 2),
            Long.toString(r.peakRssMb()), SpreadsheetCells.number(fitSeconds / r.fitSeconds(), 2),
            Long.toString(r.observations()), String.format("%.1e", r.maxCoefficientDifference(fit)),
            SpreadsheetCells.number(fixestLoad, 2), SpreadsheetCells.number(r.fitCpuSeconds(), 2),
            SpreadsheetCells.number(fitCpuSeconds / r.fitCpuSeconds(), 2)));
      }
      table.add(row);
      List<String> header = new ArrayList<>(List.of("rows", "fit_seconds", "job_seconds",
          "iterations", "peak_heap_mb", "demean_passes", "observations_used", "converged",
          "load_1m", "fit_cpu_seconds", "spark_jobs"));
      if (parquet) {
        header.add("storage_level");
      }
      if (vsFixest) {
        header.addAll(List.of("fixest_fit_seconds", "fixest_peak_rss_mb", "ratio",
            "fixest_observations", "max_coef_rel_diff", "fixest_load_1m",
            "fixest_fit_cpu_seconds", "cpu_ratio"));
      }
      CsvTableWriter.write(out.resolve(parquet ? "bench_estimate_parquet.csv" : "bench_estimate.csv"), header,
          table);
    }
    spark.stop();
  }

  /** Spark jobs run so far by the fits (ModelFitter runs them in job group "estimate"). */
  private static int fitJobs(SparkSession spark) {
    return spark.sparkContext().statusTracker().getJobIdsForGroup("estimate").length;
  }

  /** One CSV file with the contract's panel columns (Spark writes a folder; we keep its part). */
  private static void writePanel(Dataset<Row> panel, Path file) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".parts");
    panel.coalesce(1).write().mode(SaveMode.Overwrite).option("header", "true")
        .csv(tmp.toString());
    try (var parts = Files.list(tmp)) {
      Path part = parts.filter(p -> p.getFileName().toString().startsWith("part-")).findFirst()
          .orElseThrow();
      Files.move(part, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    try (var left = Files.walk(tmp)) {
      left.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** The 1-minute load average (other work on the machine), NaN where the OS does not say. */
  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  /** CPU time of this JVM so far (all threads: Spark's tasks, the driver, GC, JIT). */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static void resetPeaks() {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
  }

  private static long peakHeapMb() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak / (1024 * 1024);
  }
}
