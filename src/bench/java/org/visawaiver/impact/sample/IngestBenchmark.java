package org.visawaiver.impact.sample;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.visawaiver.impact.config.JobConfig;
import org.visawaiver.impact.io.CsvTableWriter;
import org.visawaiver.impact.export.PanelExport;
import org.visawaiver.impact.panel.PanelBuilder;
import org.visawaiver.impact.spark.SparkSessions;
import org.visawaiver.impact.validate.InputValidation;
import org.visawaiver.impact.validate.ValidatedInputs;

/**
 * {@code scripts/bench-ingest [--rows N]}: writes a large seeded arrivals file (the sample's
 * visa_policy and advisories beside it), then times validation and the panel on it and appends
 * one line to {@code docs/bench_ingest.csv}: seconds, the JVM's CPU seconds of validation and
 * panel with the 1-minute load average after them (other work on the machine), and the peak heap (the sum of the
 * heap pools' peaks, an upper bound). Destinations are the sample's; origins are invented
 * three-letter codes; after the 17,576 codes are used, further rounds pair them with invented
 * destinations ({@code Z..}), so every (destination, origin, month) is unique at any length.
 * {@code --keep} keeps the work folder (its path is printed) for a look at the rejects and panel.
 */
public final class IngestBenchmark {
  private IngestBenchmark() {}

  public static void main(String[] args) throws IOException {
    long rows = 1_000_000;
    String master = "local[*]";
    boolean keep = false;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--rows")) {
        rows = (long) Double.parseDouble(args[++i]);
      } else if (args[i].equals("--master")) {
        master = args[++i];
      } else if (args[i].equals("--keep")) {
        keep = true;
      }
    }
    Path work = Files.createTempDirectory("bench-ingest");
    Path data = work.resolve("data");
    SampleDataGenerator.generate(data, SampleDataGenerator.DEFAULT_SEED);
    long t0 = System.nanoTime();
    long written = writeArrivals(data.resolve("arrivals.csv"), rows);
    double writeSeconds = (System.nanoTime() - t0) / 1e9;
    JobConfig config = JobConfig.defaults().with("data.dir", data.toString()).with("output.dir", work.resolve("out").toString())
        .with("spark.master", master);
    SparkSession spark = SparkSessions.create(config.section("spark"));
    try {
      long c0 = processCpuNanos();
      t0 = System.nanoTime();
      ValidatedInputs inputs = InputValidation.run(spark, config, config.outDir(), false);
      double validate = (System.nanoTime() - t0) / 1e9;
      t0 = System.nanoTime();
      Dataset<Row> panel = PanelExport.write(PanelBuilder.build(inputs, config), config.outDir());
      long panelRows = panel.count();
      double panelSeconds = (System.nanoTime() - t0) / 1e9;
      double cpuSeconds = (processCpuNanos() - c0) / 1e9;
      double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
      String line = String.format(Locale.ROOT, "%s,%d,%d,%s,%d,%.1f,%.1f,%.1f,%.1f,%.2f,%.1f,%.1f",
          java.time.LocalDate.now(), written, panelRows, master, Runtime.getRuntime().availableProcessors(),
          writeSeconds, validate, panelSeconds, peakHeapGb(), Runtime.getRuntime().maxMemory() / 1e9, cpuSeconds,
          load);
      System.out.println(String.join(",", HEADER));
      System.out.println(line);
      Path csv = Path.of("docs/bench_ingest.csv");
      List<List<String>> table = new ArrayList<>();
      if (Files.exists(csv)) {
        Files.readAllLines(csv).stream().skip(1).map(l -> padded(List.of(l.split(",", -1)))).forEach(table::add);
      }
      table.add(List.of(line.split(",", -1)));
      CsvTableWriter.write(csv, HEADER, table);
    } finally {
      spark.stop();
      if (keep) {
        System.out.println("kept " + work);
      } else {
        deleteTree(work);
      }
    }
  }

  private static final List<String> HEADER = List.of("date", "arrivals_rows", "panel_rows", "master", "cores",
      "write_csv_s", "validate_s", "panel_s", "peak_heap_gb", "max_heap_gb", "cpu_s", "load_1m");

  /** Rows of older runs, which had fewer columns: the missing ones empty (write_csv_s came 6th). */
  private static List<String> padded(List<String> row) {
    List<String> cells = new ArrayList<>(row);
    if (row.size() == 7) {
      cells.add(5, "");
    }
    while (cells.size() < HEADER.size()) {
      cells.add("");
    }
    return cells;
  }

  /** CPU time of this JVM so far (all threads: Spark's tasks, the driver, GC, JIT). */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /** Sum of the heap pools' peak usage since the start (GB): an upper bound of the peak heap. */
  static double peakHeapGb() {
    long peak = 0;
    for (java.lang.management.MemoryPoolMXBean pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == java.lang.management.MemoryType.HEAP && pool.getPeakUsage() != null) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak / 1e9;
  }

  private static void deleteTree(Path root) throws IOException {
    try (java.util.stream.Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static final int CODES = 26 * 26 * 26;

  private static String code(char first, int i) {
    return "" + (char) (first + i / 676 % 26) + (char) ('A' + i / 26 % 26) + (char) ('A' + i % 26);
  }

  /** {@code rows} seeded arrivals rows: the sample's destinations x invented origins x months. */
  static long writeArrivals(Path file, long rows) {
    List<YearMonth> months = ArrivalsSimulator.months();
    SplittableRandom random = new SplittableRandom(1);
    long n = 0;
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("destination,origin,month,arrivals,source\n");
      for (int o = 0; n < rows; o++) {
        String origin = code('A', o % CODES);
        int round = o / CODES;
        List<String> destinations = SampleWorld.DESTINATIONS;
        if (round > 0) {
          int k = destinations.size();
          destinations = java.util.stream.IntStream.range(0, k)
              .mapToObj(d -> "Z" + code('A', (round - 1) * k + d).substring(1)).toList();
        }
        for (String d : destinations) {
          for (int t = 0; t < months.size() && n < rows; t++, n++) {
            w.write(d + "," + origin + "," + months.get(t) + "," + random.nextInt(100_000) + ",bench\n");
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return n;
  }
}
