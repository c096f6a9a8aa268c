package org.visawaiver.impact.validate;

import java.util.List;
import java.util.stream.Collectors;
import org.visawaiver.impact.io.SpreadsheetCells;

/**
 * What validation did to one input dataset: rows read = rows accepted + rows rejected, always.
 *
 * @param dataset the dataset name, e.g. {@code arrivals}
 * @param file the file that was read
 * @param sha256 the file's SHA-256 (hex); for a Parquet folder, of its data files in name order
 * @param rowsRead data rows read (the header is not a row)
 * @param rowsAccepted rows that passed every rule
 * @param rowsRejected rows written to {@code rejects/<dataset>.csv} with their reason
 */
public record DatasetReport(
    String dataset, String file, String sha256, long rowsRead, long rowsAccepted, long rowsRejected) {
  public DatasetReport {
    if (rowsRead != rowsAccepted + rowsRejected) {
      throw new IllegalStateException(
          dataset + ": rows read " + rowsRead + " != accepted " + rowsAccepted + " + rejected "
              + rowsRejected + "; this is a bug in validation");
    }
  }

  /** Columns of OUT/validation_summary.csv, one row per input (the report's data-quality table). */
  public static final List<String> HEADER =
      List.of("dataset", "file", "sha256", "rows_read", "rows_accepted", "rows_rejected");

  /** This report as a validation_summary.csv row (the file by its name, as the data folder may move). */
  public List<String> cells() {
    return List.of(dataset, SpreadsheetCells.text(java.nio.file.Path.of(file).getFileName().toString()), sha256,
        Long.toString(rowsRead), Long.toString(rowsAccepted), Long.toString(rowsRejected));
  }

  /** One line for the log: per dataset, rows read / accepted / rejected. */
  public static String summarise(List<DatasetReport> reports) {
    return reports.stream()
        .map(r -> r.dataset() + " " + r.rowsRead() + " read / " + r.rowsAccepted() + " accepted / "
            + r.rowsRejected() + " rejected")
        .collect(Collectors.joining("; "));
  }

  public double rejectedShare() {
    return rowsRead == 0 ? 0.0 : (double) rowsRejected / rowsRead;
  }
}
