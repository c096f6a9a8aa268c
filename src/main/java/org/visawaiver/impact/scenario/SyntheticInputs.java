package org.visawaiver.impact.scenario;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lower;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.visawaiver.impact.validate.ValidatedInputs;

/**
 * Which accepted input rows are synthetic (their {@code source} cell contains the word
 * "synthetic", case-insensitive: the sample generator writes {@code synthetic}, hand-completed
 * rows say e.g. "start date synthetic"), counted once per run with one small aggregation per
 * dataset, and the note a scenario's summary rows carry when it uses any of them.
 *
 * @param arrivalsByPair synthetic arrivals rows per destination and origin (the baseline history)
 * @param arrivals synthetic arrivals rows in all (the estimation data)
 * @param visaPolicy synthetic visa_policy rows (the estimation data's regimes)
 * @param advisories synthetic advisories rows (the estimation data's advisory levels)
 */
public record SyntheticInputs(Map<String, Long> arrivalsByPair, long arrivals, long visaPolicy, long advisories) {
  static final String WORD = "synthetic";

  public SyntheticInputs {
    arrivalsByPair = Map.copyOf(arrivalsByPair);
  }

  /** Nothing synthetic. */
  public static final SyntheticInputs NONE = new SyntheticInputs(Map.of(), 0, 0, 0);

  /** Counts the synthetic rows of the validated inputs (Spark aggregations; a few rows collected). */
  public static SyntheticInputs count(ValidatedInputs inputs) {
    Map<String, Long> byPair = new HashMap<>();
    long arrivals = 0;
    for (Row r :
        synthetic(inputs.arrivals()).groupBy("destination", "origin").count().collectAsList()) {
      byPair.put(key(r.getString(0), r.getString(1)), r.getLong(2));
      arrivals += r.getLong(2);
    }
    return new SyntheticInputs(byPair, arrivals, synthetic(inputs.visaPolicy()).count(),
        synthetic(inputs.advisories()).count());
  }

  private static Dataset<Row> synthetic(Dataset<Row> rows) {
    return rows.filter(col("source").isNotNull().and(lower(col("source")).contains(WORD)));
  }

  private static String key(String destination, String origin) {
    return destination + "\u0000" + origin;
  }

  /** True when a tourism_parameters row's source marks it synthetic. */
  static boolean isSynthetic(TourismParameters p) {
    return p.source() != null && p.source().toLowerCase(java.util.Locale.ROOT).contains(WORD);
  }

  /**
   * The data_note of a scenario: empty when none of its inputs is synthetic, else which are. An
   * estimated effect uses the whole panel (arrivals, visa_policy, advisories); the baseline the
   * arrivals of the scenario's pairs; the money its origins' tourism_parameters rows.
   */
  String note(ScenarioSpec spec, TourismParameterTable parameters) {
    List<String> parts = new ArrayList<>();
    if (!(spec.effect() instanceof EffectSource.Fixed)) {
      List<String> model = new ArrayList<>();
      if (arrivals > 0) {
        model.add("arrivals " + arrivals);
      }
      if (visaPolicy > 0) {
        model.add("visa_policy " + visaPolicy);
      }
      if (advisories > 0) {
        model.add("advisories " + advisories);
      }
      if (!model.isEmpty()) {
        parts.add("estimated effect (" + String.join(", ", model) + " rows)");
      }
    }
    long history = 0;
    for (String o : spec.origins()) {
      history += arrivalsByPair.getOrDefault(key(spec.destination(), o), 0L);
    }
    if (history > 0) {
      parts.add("baseline history (" + history + " arrivals rows of " + String.join(" ", spec.origins()) + " into "
          + spec.destination() + ")");
    }
    List<String> params =
        spec.origins().stream()
            .filter(o -> isSynthetic(parameters.require(spec.destination(), o, spec.name())))
            .toList();
    if (!params.isEmpty()) {
      parts.add("tourism_parameters (" + String.join(" ", params) + ")");
    }
    return parts.isEmpty()
        ? ""
        : "SYNTHETIC inputs, numbers illustrate the method only: " + String.join("; ", parts);
  }
}
