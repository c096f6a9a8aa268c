package org.visawaiver.impact.ingest;

import java.util.List;
import org.apache.spark.sql.Row;

/**
 * One input file as read, before any row rule: column {@value #LINE} (the file's line number for
 * CSV, the 1-based row number for Parquet), {@value #RAW} (the row as written), then every column
 * of the {@link DatasetSpec} as a trimmed string, null when the cell is empty or the column absent.
 *
 * @param spec the dataset's columns
 * @param file the file (or Parquet folder) that was read
 * @param sha256 hex SHA-256 of the file; for a Parquet folder, of its data files in name order
 * @param rows the rows, one per data row of the file, in file order (on the driver: line numbers
 *     and the set rules need the file's order)
 */
public record RawTable(DatasetSpec spec, String file, String sha256, List<Row> rows) {
  public static final String LINE = "_line";
  public static final String RAW = "_raw";
  public static final String SHAPE = "_shape";
}
