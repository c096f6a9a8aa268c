package org.visawaiver.impact.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes one small table as a single CSV file: UTF-8 without BOM, a header, fixed column order,
 * RFC 4180 quoting, '\n' line ends. Cells must already be formatted with {@link SpreadsheetCells}.
 * The file appears atomically (written beside it, then renamed).
 */
public final class CsvTableWriter {
  private CsvTableWriter() {}

  public static void write(Path file, List<String> header, Iterable<List<String>> rows) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
      CSVFormat format =
          CSVFormat.RFC4180.builder().setRecordSeparator('\n').setHeader(header.toArray(String[]::new)).build();
      try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
          CSVPrinter printer = new CSVPrinter(w, format)) {
        for (List<String> row : rows) {
          if (row.size() != header.size()) {
            throw new IllegalArgumentException(
                file.getFileName() + ": a row has " + row.size() + " cells for " + header.size() + " columns");
          }
          printer.printRecord(row);
        }
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file, e);
    }
  }
}
