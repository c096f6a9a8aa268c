package org.visawaiver.impact.scenario;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.visawaiver.impact.config.JobConfig;
import org.visawaiver.impact.estimate.result.ModelResult;
import org.visawaiver.impact.scenario.forecast.BaselineForecast;
import org.visawaiver.impact.estimate.bench.SyntheticPanel;

/**
 * Times the projection of the configured scenarios (default 5 x 10,000 draws x 60 months) on
 * synthetic, seeded baselines and a synthetic model, without Spark, and writes the tables to
 * {@code OUT/scenarios/} so that the contract checker can be run on them. Used by
 * {@code scripts/bench-scenarios}; not part of the job.
 *
 * <p>usage: ScenarioBenchmark OUT [tourism_parameters.csv] [repeats]
 */
public final class ScenarioBenchmark {
  private ScenarioBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args.length > 0 ? args[0] : "target/bench-scenarios");
    Path params = Path.of(args.length > 1 ? args[1] : "notebooks-data/tourism_parameters.csv");
    int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    ScenarioSettings settings = ScenarioSettings.from(JobConfig.defaults().section("scenario"));
    TourismParameterTable table = readCsv(params);
    ModelResult model = syntheticModel();
    Map<String, Map<String, BaselineForecast>> baselines = new LinkedHashMap<>();
    for (ScenarioSpec s : settings.scenarios()) {
      Map<String, BaselineForecast> m = new LinkedHashMap<>();
      for (String o : s.origins()) {
        m.put(o, syntheticBaseline(s, o));
      }
      baselines.put(s.name(), m);
    }
    List<ScenarioProjector.Projection> result = null;
    for (int r = 0; r < repeats; r++) {
      long t0 = System.nanoTime();
      result = ScenarioProjector.projectAll(settings, baselines, model, table);
      long t1 = System.nanoTime();
      System.out.printf(
          "run %d: %d scenarios x %d draws x %d months projected in %.2f s%n",
          r + 1, settings.scenarios().size(), settings.scenarios().get(0).draws(),
          settings.scenarios().get(0).horizonMonths(), (t1 - t0) / 1e9);
    }
    long t2 = System.nanoTime();
    ScenarioTables.write(out.resolve("scenarios"), result, settings.xlsx());
    System.out.printf("tables written to %s in %.2f s%n", out.resolve("scenarios"), (System.nanoTime() - t2) / 1e9);
  }

  /**
   * Plausible PPML estimates (not real ones) of the v2 default model's terms
   * ({@link SyntheticPanel#TERMS}): waiver effects 0.2 to 0.4 log points with errors.
   */
  static ModelResult syntheticModel() {
    List<String> terms = SyntheticPanel.TERMS;
    double[] b = {0.30, 0.22, 0.38, 0.12, 0.15, 0.08, 0.12, -0.10, -0.06};
    double[] se = {0.08, 0.10, 0.12, 0.06, 0.07, 0.05, 0.05, 0.04, 0.04};
    int k = terms.size();
    double[][] v = new double[k][k];
    for (int i = 0; i < k; i++) {
      v[i][i] = se[i] * se[i];
    }
    v[0][4] = v[4][0] = 0.4 * se[0] * se[4];
    return new ModelResult("ppml", terms, b, v);
  }

  /** A seasonal series around a level per origin, log sd growing from 0.08 with the horizon. */
  static BaselineForecast syntheticBaseline(ScenarioSpec s, String origin) {
    double level = switch (origin) {
      case "KOR" -> 21_000;
      case "USA" -> 20_000;
      case "JPN" -> 17_000;
      case "AUS" -> 9_000;
      default -> 10_000;
    };
    int n = s.horizonMonths();
    double[] mean = new double[n];
    double[] sd = new double[n];
    for (int h = 0; h < n; h++) {
      int month = s.startMonth().plusMonths(h).getMonthValue();
      mean[h] = level * (1 + 0.25 * Math.cos(2 * Math.PI * (month - 1) / 12.0)) * Math.pow(1.003, h);
      sd[h] = 0.08 * Math.sqrt(1 + h / 6.0);
    }
    return new BaselineForecast("synthetic", s.startMonth(), mean, sd);
  }

  /**
   * tourism_parameters.csv read without a Spark job (the job reads it through validation): every
   * column as text, ranges included, through the job's own {@link TourismParameterTable#fromRows}.
   */
  static TourismParameterTable readCsv(Path file) throws Exception {
    List<Row> rows = new ArrayList<>();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(r);
      StructType schema = new StructType();
      for (String column : parser.getHeaderNames()) {
        schema = schema.add(column, DataTypes.StringType);
      }
      for (CSVRecord c : parser) {
        rows.add(new GenericRowWithSchema(c.toList().toArray(), schema));
      }
    }
    return TourismParameterTable.fromRows(rows);
  }
}
