package org.visawaiver.impact.validate;

import java.util.List;
import org.visawaiver.impact.io.SpreadsheetCells;

/**
 * The outcome of one check on one dataset (deequ style: checks return results, the job decides
 * afterwards whether to stop). One row of {@code validation_checks.csv}.
 *
 * @param dataset e.g. {@code arrivals}
 * @param check e.g. {@code month_format}
 * @param level {@code error}: failing rows are rejected (and too many stop the run)
 * @param status {@code passed} or {@code failed}
 * @param rowsChecked rows the check looked at (rows read)
 * @param rowsFailed rows that failed it
 * @param message what it means for the run
 */
public record CheckResult(
    String dataset, String check, String level, String status, long rowsChecked, long rowsFailed, String message) {
  public static final List<String> HEADER =
      List.of("dataset", "check", "level", "status", "rows_checked", "rows_failed", "message");

  public boolean passed() {
    return "passed".equals(status);
  }

  List<String> cells() {
    return List.of(
        SpreadsheetCells.text(dataset), SpreadsheetCells.text(check), SpreadsheetCells.text(level),
        SpreadsheetCells.text(status), Long.toString(rowsChecked), Long.toString(rowsFailed),
        SpreadsheetCells.text(message));
  }
}
