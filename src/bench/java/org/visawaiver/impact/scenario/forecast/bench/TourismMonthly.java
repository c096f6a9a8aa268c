package org.visawaiver.impact.scenario.forecast.bench;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.visawaiver.impact.config.InputException;

/**
 * Reads {@code tourism_monthly_long.csv} of the tourism forecasting competition (columns series_id,
 * split, t, date, value; rows in t order within each series and split).
 */
public final class TourismMonthly {
  public static final String LONG_FILE = "tourism_monthly_long.csv";

  private TourismMonthly() {}

  public static List<BenchmarkSeries> read(Path dir) {
    Path file = dir.resolve(LONG_FILE);
    if (!Files.exists(file)) {
      throw new InputException(
          file + ": benchmark data not found; pass the folder holding " + LONG_FILE
              + " with --data (default src/bench/data/tourism-monthly)");
    }
    Map<String, List<Double>> train = new LinkedHashMap<>();
    Map<String, List<Double>> test = new LinkedHashMap<>();
    CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (CSVRecord r : format.parse(reader)) {
        String id = r.get("series_id");
        Map<String, List<Double>> target = "train".equals(r.get("split")) ? train : test;
        target.computeIfAbsent(id, k -> new ArrayList<>()).add(Double.parseDouble(r.get("value")));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file, e);
    }
    List<BenchmarkSeries> series = new ArrayList<>();
    for (Map.Entry<String, List<Double>> e : train.entrySet()) {
      series.add(new BenchmarkSeries(e.getKey(), toArray(e.getValue()), toArray(test.get(e.getKey()))));
    }
    return series;
  }

  private static double[] toArray(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
