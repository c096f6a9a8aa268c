package org.visawaiver.impact.estimate.spec;

import java.util.List;

/** A fixed-effect dimension: one column, or several combined with {@code ^} (origin^destination). */
public record FixedEffect(List<String> columns) {
  public FixedEffect {
    columns = List.copyOf(columns);
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("a fixed effect needs at least one column");
    }
  }

  public static FixedEffect of(String... columns) {
    return new FixedEffect(List.of(columns));
  }

  /** As written in a formula: {@code origin^destination}. */
  public String name() {
    return String.join("^", columns);
  }
}
