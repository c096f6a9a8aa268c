package org.visawaiver.impact.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.visawaiver.impact.config.InputException;

/** Header checks shared by CSV and Parquet: missing required columns, ambiguous duplicates. */
final class ColumnCheck {
  private ColumnCheck() {}

  static String missingMessage(String file, DatasetSpec spec, List<String> missing, List<String> header) {
    return file + ": required column" + (missing.size() > 1 ? "s " : " ")
        + String.join(", ", missing.stream().map(c -> "\"" + c + "\"").toList())
        + " missing; expected the columns " + String.join(", ", spec.required())
        + " (optional: " + String.join(", ", spec.optional()) + "), found "
        + (header.isEmpty() ? "no columns" : String.join(", ", header))
        + "; nothing was validated";
  }

  /**
   * Stops when a column the dataset reads appears twice in the header, compared case-insensitively
   * and trimmed ({@code arrivals} and {@code Arrivals}): which one is meant cannot be known.
   */
  static void rejectDuplicates(String file, DatasetSpec spec, List<String> header) {
    for (String column : spec.columns()) {
      List<String> found = new ArrayList<>();
      for (int i = 0; i < header.size(); i++) {
        if (header.get(i).trim().toLowerCase(Locale.ROOT).equals(column)) {
          found.add("\"" + header.get(i) + "\" (column " + (i + 1) + ")");
        }
      }
      if (found.size() > 1) {
        throw new InputException(file + ": the header names column \"" + column + "\" " + found.size()
            + " times: " + String.join(", ", found) + "; column names are compared without case, so which"
            + " one holds " + spec.name() + "." + column + " is ambiguous; rename or remove all but one;"
            + " nothing was validated");
      }
    }
  }
}
