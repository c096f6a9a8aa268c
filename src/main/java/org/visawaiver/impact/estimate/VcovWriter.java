package org.visawaiver.impact.estimate;

import static org.visawaiver.impact.io.SpreadsheetCells.exact;
import static org.visawaiver.impact.io.SpreadsheetCells.text;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.visawaiver.impact.estimate.result.FitResult;
import org.visawaiver.impact.io.CsvTableWriter;

/**
 * Writes estimates/vcov.csv: the full variance-covariance matrix of every model's reported terms,
 * one row per (model, row_term, col_term) in term order, both triangles, full precision, so that a
 * pooled or contrasted standard error can be reproduced elsewhere. The variance type is the
 * model's {@code vcov} in model_summary.csv. The one writer of this file (estimate and fit).
 */
public final class VcovWriter {
  public static final String FILE = "vcov.csv";
  public static final List<String> COLUMNS = List.of("model", "row_term", "col_term", "value");

  private VcovWriter() {}

  /** Writes {@code dir/vcov.csv} for the fits, in order. */
  public static void write(Path dir, List<FitResult> fits) {
    List<List<String>> rows = new ArrayList<>();
    for (FitResult f : fits) {
      List<String> terms = f.terms();
      double[][] v = f.vcov();
      for (int i = 0; i < terms.size(); i++) {
        for (int j = 0; j < terms.size(); j++) {
          rows.add(List.of(text(f.model()), text(terms.get(i)), text(terms.get(j)), exact(v[i][j])));
        }
      }
    }
    CsvTableWriter.write(dir.resolve(FILE), COLUMNS, rows);
  }
}
