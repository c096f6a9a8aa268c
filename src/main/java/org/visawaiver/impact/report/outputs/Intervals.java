package org.visawaiver.impact.report.outputs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The interval types an output table carries, found from its columns: every {@code X_ci_low} with a
 * matching {@code X_ci_high} (X empty for the main interval, {@code boot_} for the wild bootstrap,
 * ...), in column order. Effect-percent columns are transforms of these and are not separate types.
 *
 * @param low the lower-bound column
 * @param high the upper-bound column
 * @param label how the page names the type
 */
public record Intervals(String low, String high, String label) {
  private static final Map<String, String> NAMES = Map.of("", "95% interval", "boot_",
      "wild bootstrap 95%", "bc_", "bias-corrected 95%", "att_", "95% interval");

  public static List<Intervals> of(CsvTable t) {
    List<Intervals> out = new ArrayList<>();
    for (String c : t.header()) {
      if (!c.endsWith("ci_low") || c.startsWith("effect_pct")) {
        continue;
      }
      String high = c.substring(0, c.length() - "ci_low".length()) + "ci_high";
      if (t.has(high)) {
        String prefix = c.substring(0, c.length() - "ci_low".length());
        out.add(new Intervals(c, high, NAMES.getOrDefault(prefix, prefix.replace('_', ' ').trim() + " interval")));
      }
    }
    return out;
  }

  /** The label of the main interval, naming its type from an {@code interval} column when present. */
  public String labelFor(Map<String, String> row) {
    String type = row.getOrDefault("interval", "");
    return low.equals("ci_low") && !type.isEmpty() ? "95% interval (" + type + ")" : label;
  }
}
