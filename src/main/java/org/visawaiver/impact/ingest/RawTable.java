package org.visawaiver.impact.ingest;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One input file as read, before any row rule: column {@value #LINE} (the file's line number for
 * CSV, the 1-based row number for Parquet), {@value #RAW} (the row as written), {@value #SHAPE}
 * (why the row's field count differs from the header's, or null), then every column of the {@link
 * DatasetSpec} as a trimmed string, null when the cell is empty or the column absent.
 *
 * @param spec the dataset's columns
 * @param file the file (or Parquet folder) that was read
 * @param sha256 hex SHA-256 of the file; for a Parquet folder, of its data files in name order
 * @param rows the rows, one per data row of the file, partitions in file order; distributed (never
 *     gathered on the driver), cached for Parquet until {@link #release}
 */
public record RawTable(DatasetSpec spec, String file, String sha256, Dataset<Row> rows) {
  public static final String LINE = "_line";
  public static final String RAW = "_raw";
  public static final String SHAPE = "_shape";

  /** Drops the cache of the rows, if any; call it once what was derived from them is cached. */
  public void release() {
    rows.unpersist();
  }
}
