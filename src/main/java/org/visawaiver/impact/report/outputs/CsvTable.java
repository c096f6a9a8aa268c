package org.visawaiver.impact.report.outputs;

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
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * One output CSV file of the run as the report reads it: the header and every row as text, exactly
 * as written. The report takes every number it shows from here (parsed, never recomputed), so the
 * page, the figures and the workbook agree with the CSV files cell for cell.
 *
 * @param name the file's path relative to the output folder (for messages)
 * @param header the column names in file order
 * @param rows one map per row, column name to cell text (empty = missing)
 */
public record CsvTable(String name, List<String> header, List<Map<String, String>> rows) {
  public CsvTable {
    header = List.copyOf(header);
    rows = rows.stream().map(r -> java.util.Collections.unmodifiableMap(new LinkedHashMap<>(r))).toList();
  }

  /** Reads {@code out/relative}, or empty when the run did not write it. */
  public static Optional<CsvTable> read(Path out, String relative) {
    Path file = out.resolve(relative);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser p = CSVParser.parse(r, format)) {
      List<String> header = p.getHeaderNames();
      List<Map<String, String>> rows = new ArrayList<>();
      for (CSVRecord rec : p) {
        Map<String, String> row = new LinkedHashMap<>();
        for (String h : header) {
          row.put(h, rec.isSet(h) ? rec.get(h) : "");
        }
        rows.add(row);
      }
      return Optional.of(new CsvTable(relative, header, rows));
    } catch (IOException e) {
      throw new UncheckedIOException("report: could not read " + file, e);
    }
  }

  public boolean has(String column) {
    return header.contains(column);
  }

  public List<Map<String, String>> where(Predicate<Map<String, String>> keep) {
    return rows.stream().filter(keep).toList();
  }

  /** The distinct values of a column in first-seen order. */
  public List<String> distinct(String column) {
    return rows.stream().map(r -> r.getOrDefault(column, "")).distinct().toList();
  }

  /** A cell as a number; NaN when empty or absent (a CSV cell with no value). */
  public static double number(Map<String, String> row, String column) {
    String s = row.get(column);
    if (s == null || s.isEmpty()) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
