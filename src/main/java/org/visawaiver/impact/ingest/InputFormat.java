package org.visawaiver.impact.ingest;

import java.nio.file.Path;
import java.util.Locale;

/** How an input file is read, chosen by its name: {@code *.parquet} is Parquet, anything else CSV. */
public enum InputFormat {
  CSV,
  PARQUET;

  public static InputFormat of(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".parquet") ? PARQUET : CSV;
  }
}
