package org.visawaiver.impact.scenario;

import static org.apache.spark.sql.functions.col;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.visawaiver.impact.config.InputException;
import org.visawaiver.impact.config.JobConfig;
import org.visawaiver.impact.estimate.result.ModelResult;
import org.visawaiver.impact.scenario.forecast.BaselineForecast;
import org.visawaiver.impact.scenario.forecast.BaselineForecaster;
import org.visawaiver.impact.scenario.summary.SensitivityRow;
import org.visawaiver.impact.scenario.summary.SummaryRow;
import org.visawaiver.impact.validate.ValidatedInputs;

/**
 * The scenarios step: reads the {@code scenario} configuration, gets the baseline forecasts (one
 * Spark forecast call per destination, start month and horizon, for the union of the origins),
 * projects every scenario on the driver ({@link ScenarioProjector}) and writes
 * {@code OUT/scenarios/}.
 */
public final class ScenarioStep {
  /**
   * What the step did: the log line, and whether any input row a scenario used is synthetic (for
   * the manifest's {@code synthetic_inputs}).
   */
  public record Result(String message, boolean syntheticInputs, SyntheticInputs synthetic) {}

  private ScenarioStep() {}

  public static Result run(
      SparkSession spark,
      ValidatedInputs inputs,
      Dataset<Row> panel,
      List<ModelResult> models,
      JobConfig config,
      Path out) {
    ScenarioSettings settings = ScenarioSettings.from(config.section("scenario"));
    Dataset<Row> parameterRows =
        inputs
            .tourismParameters()
            .orElseThrow(
                () ->
                    new InputException(
                        TourismParameterTable.FILE + " was not read, but the scenarios need it; put it in"
                            + " the data folder (see notebooks-data/); no scenarios were projected"));
    // a few dozen rows at most: collecting this table is the intended use
    TourismParameterTable parameters = TourismParameterTable.fromRows(parameterRows.collectAsList());
    ModelResult model = models.isEmpty() ? null : models.get(0);
    ScenarioProjector.checkInputs(settings, model, parameters); // fail before the forecasts run
    Map<String, Map<String, BaselineForecast>> baselines = baselines(spark, inputs, settings, config);
    RegimeLookup regimes = regimes(inputs, settings);
    List<ScenarioProjector.Projection> projections =
        ScenarioProjector.projectAll(settings, baselines, model, parameters, regimes);
    SyntheticInputs synthetic = SyntheticInputs.count(inputs);
    List<SummaryRow> summary = new ArrayList<>();
    List<SensitivityRow> sensitivity = new ArrayList<>();
    boolean anySynthetic = false;
    for (ScenarioProjector.Projection p : projections) {
      String note = synthetic.note(p.spec(), parameters);
      anySynthetic |= !note.isEmpty();
      p.summary().forEach(r -> summary.add(r.withDataNote(note)));
      sensitivity.addAll(p.sensitivity());
    }
    // scenarios.xlsx (settings.xlsx()) is written by the report step from these files and the others
    ScenarioTables.write(out.resolve("scenarios"), projections, summary, sensitivity, false);
    int annual = projections.stream().mapToInt(p -> p.annual().size()).sum();
    int monthly = projections.stream().mapToInt(p -> p.monthly().size()).sum();
    String message = settings.scenarios().size() + " scenario(s): " + summary.size() + " summary, " + annual
        + " annual and " + monthly + " monthly rows written to " + out.resolve("scenarios")
        + (anySynthetic ? "; SYNTHETIC inputs used (see data_note)" : "");
    return new Result(message, anySynthetic, synthetic);
  }

  /** Each origin's regime at its scenario's start, from the accepted visa_policy rows of the scenarios' destinations. */
  static RegimeLookup regimes(ValidatedInputs inputs, ScenarioSettings settings) {
    List<String> destinations = settings.scenarios().stream().map(ScenarioSpec::destination).distinct().toList();
    // at most a few hundred rows (one per policy interval of the scenario destinations): collected on purpose
    return RegimeLookup.fromRows(
        inputs
            .visaPolicy()
            .filter(col("destination").isin(destinations.toArray()))
            .select("destination", "origin", "regime", "effective_from", "effective_to")
            .collectAsList());
  }

  /** One forecast call per (destination, start month, horizon); the result keyed by scenario name. */
  static Map<String, Map<String, BaselineForecast>> baselines(
      SparkSession spark, ValidatedInputs inputs, ScenarioSettings settings, JobConfig config) {
    record Key(String destination, YearMonth start, int horizon) {}
    Map<Key, Set<String>> origins = new LinkedHashMap<>();
    for (ScenarioSpec s : settings.scenarios()) {
      origins
          .computeIfAbsent(new Key(s.destination(), s.startMonth(), s.horizonMonths()), k -> new LinkedHashSet<>())
          .addAll(s.origins());
    }
    Map<Key, Map<String, BaselineForecast>> forecasts = new HashMap<>();
    origins.forEach(
        (k, o) ->
            forecasts.put(
                k,
                BaselineForecaster.forecast(
                    spark, inputs.arrivals(), k.destination(), new ArrayList<>(o), k.start(), k.horizon(), config)));
    Map<String, Map<String, BaselineForecast>> byScenario = new LinkedHashMap<>();
    for (ScenarioSpec s : settings.scenarios()) {
      byScenario.put(s.name(), forecasts.get(new Key(s.destination(), s.startMonth(), s.horizonMonths())));
    }
    return byScenario;
  }
}
