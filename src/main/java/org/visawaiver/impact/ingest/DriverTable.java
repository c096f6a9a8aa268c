package org.visawaiver.impact.ingest;

import java.util.List;
import org.apache.spark.sql.Row;

/**
 * A small input file as read on the driver: the rows of a {@link RawTable} (same layout, same
 * values) in file order, in a list.
 *
 * @param spec the dataset's columns
 * @param file the file that was read
 * @param sha256 hex SHA-256 of the file
 * @param rows the rows, one per data row of the file, in file order
 */
public record DriverTable(DatasetSpec spec, String file, String sha256, List<Row> rows) {
  public DriverTable {
    rows = List.copyOf(rows);
  }
}
