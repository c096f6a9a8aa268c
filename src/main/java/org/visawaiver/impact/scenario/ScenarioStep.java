package org.visawaiver.impact.scenario;

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
import org.visawaiver.impact.validate.ValidatedInputs;

/**
 * The scenarios step: reads the {@code scenario} configuration, gets the baseline forecasts (one
 * Spark forecast call per destination, start month and horizon, for the union of the origins),
 * projects every scenario on the driver ({@link ScenarioProjector}) and writes
 * {@code OUT/scenarios/}.
 */
public final class ScenarioStep {
  private ScenarioStep() {}

  public static String run(
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
    List<ScenarioProjector.Projection> projections =
        ScenarioProjector.projectAll(settings, baselines, model, parameters);
    // scenarios.xlsx (settings.xlsx()) is written by the report step from these files and the others
    ScenarioTables.write(out.resolve("scenarios"), projections, false);
    int annual = projections.stream().mapToInt(p -> p.annual().size()).sum();
    int monthly = projections.stream().mapToInt(p -> p.monthly().size()).sum();
    return settings.scenarios().size() + " scenario(s): " + annual + " annual and " + monthly
        + " monthly rows written to " + out.resolve("scenarios");
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
