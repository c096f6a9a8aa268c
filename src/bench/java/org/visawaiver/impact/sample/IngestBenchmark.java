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
 * one line to {@code docs/bench_ingest.csv}. Destinations are the sample's; origins are invented
 * three-letter codes so that the file can be as long as asked.
 */
public final class IngestBenchmark {
  private IngestBenchmark() {}

  public static void main(String[] args) throws IOException {
    long rows = 1_000_000;
    String master = "local[*]";
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--rows")) {
        rows = Long.parseLong(args[++i]);
      } else if (args[i].equals("--master")) {
        master = args[++i];
      }
    }
    Path work = Files.createTempDirectory("bench-ingest");
    Path data = work.resolve("data");
    SampleDataGenerator.generate(data, SampleDataGenerator.DEFAULT_SEED);
    long written = writeArrivals(data.resolve("arrivals.csv"), rows);
    JobConfig config = JobConfig.defaults().with("data.dir", data.toString()).with("output.dir", work.resolve("out").toString())
        .with("spark.master", master);
    SparkSession spark = SparkSessions.create(config.section("spark"));
    try {
      long t0 = System.nanoTime();
      ValidatedInputs inputs = InputValidation.run(spark, config, config.outDir(), false);
      double validate = (System.nanoTime() - t0) / 1e9;
      t0 = System.nanoTime();
      Dataset<Row> panel = PanelExport.write(PanelBuilder.build(inputs, config), config.outDir());
      long panelRows = panel.count();
      double panelSeconds = (System.nanoTime() - t0) / 1e9;
      String line = String.format(Locale.ROOT, "%s,%d,%d,%s,%d,%.1f,%.1f", java.time.LocalDate.now(), written, panelRows,
          master, Runtime.getRuntime().availableProcessors(), validate, panelSeconds);
      System.out.println("date,arrivals_rows,panel_rows,master,cores,validate_s,panel_s");
      System.out.println(line);
      Path csv = Path.of("docs/bench_ingest.csv");
      List<List<String>> table = new ArrayList<>();
      if (Files.exists(csv)) {
        Files.readAllLines(csv).stream().skip(1).map(l -> List.of(l.split(",", -1))).forEach(table::add);
      }
      table.add(List.of(line.split(",", -1)));
      CsvTableWriter.write(csv, List.of("date", "arrivals_rows", "panel_rows", "master", "cores", "validate_s", "panel_s"),
          table);
    } finally {
      spark.stop();
    }
  }

  /** {@code rows} seeded arrivals rows: the sample's destinations x invented origins x months. */
  static long writeArrivals(Path file, long rows) {
    List<YearMonth> months = ArrivalsSimulator.months();
    SplittableRandom random = new SplittableRandom(1);
    long n = 0;
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("destination,origin,month,arrivals,source\n");
      for (int o = 0; n < rows; o++) {
        String origin = "" + (char) ('A' + o / 676 % 26) + (char) ('A' + o / 26 % 26) + (char) ('A' + o % 26);
        for (String d : SampleWorld.DESTINATIONS) {
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
