package org.visawaiver.impact.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes one small table as a single CSV file: UTF-8 without BOM, a header, fixed column order,
 * RFC 4180 quoting, '\n' line ends. Cells must already be formatted with {@link SpreadsheetCells}.
 * The file appears atomically (written beside it, then renamed).
 */
public final class CsvTableWriter {
  private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator('\n').build();

  private CsvTableWriter() {}

  public static void write(Path file, List<String> header, Iterable<List<String>> rows) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
      print(tmp, FORMAT.builder().setHeader(header.toArray(String[]::new)).build(), header.size(), rows);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file, e);
    }
  }

  /**
   * The rows of a one-pass source for {@link #write} or {@link #writePart}, each turned into its
   * cells as it is written, so nothing is held in memory.
   */
  public static <T> Iterable<List<String>> rows(Iterator<T> source,
      Function<? super T, List<String>> cells) {
    return () -> new Iterator<>() {
      @Override
      public boolean hasNext() {
        return source.hasNext();
      }

      @Override
      public List<String> next() {
        return cells.apply(source.next());
      }
    };
  }

  /**
   * One part of a large table, without the header, formatted as {@link #write} formats rows: Spark
   * tasks write the parts of a table in parallel, then {@link #concatenate} joins them.
   */
  public static void writePart(Path part, int columns, Iterable<List<String>> rows) {
    try {
      Files.createDirectories(part.toAbsolutePath().getParent());
      print(part, FORMAT, columns, rows);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + part, e);
    }
  }

  /** The header, then the bytes of {@code parts} in order, as one file that appears atomically. */
  public static void concatenate(Path file, List<String> header, List<Path> parts) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
      print(tmp, FORMAT.builder().setHeader(header.toArray(String[]::new)).build(), header.size(), List.of());
      try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.APPEND)) {
        for (Path part : parts) {
          Files.copy(part, out);
        }
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file, e);
    }
  }

  private static void print(Path target, CSVFormat format, int columns, Iterable<List<String>> rows)
      throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(target, StandardCharsets.UTF_8);
        CSVPrinter printer = new CSVPrinter(w, format)) {
      for (List<String> row : rows) {
        if (row.size() != columns) {
          throw new IllegalArgumentException(
              target.getFileName() + ": a row has " + row.size() + " cells for " + columns + " columns");
        }
        printer.printRecord(row);
      }
    }
  }
}
