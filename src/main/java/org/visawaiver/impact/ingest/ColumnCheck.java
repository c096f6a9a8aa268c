package org.visawaiver.impact.ingest;

import java.util.List;

/** The message for a file whose header lacks required columns (shared by CSV and Parquet). */
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
}
