package org.visawaiver.impact.estimate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.visawaiver.impact.estimate.fit.ModelFitter;
import org.visawaiver.impact.config.InputException;
import org.visawaiver.impact.config.JobConfig;
import org.visawaiver.impact.estimate.exec.BlockStorage;
import org.visawaiver.impact.estimate.result.FitResult;
import org.visawaiver.impact.estimate.spec.EstimationSettings;
import org.visawaiver.impact.ingest.InputFormat;

/**
 * {@code waiver-impact fit}: one model on any panel, read as it is (CSV with a header and inferred
 * types, or Parquet; no tourism dataset, no validation beyond the columns the model names), written
 * to OUT/estimates/{coefficients, model_summary, vcov}.csv as {@code estimate} writes them. The
 * estimation settings ({@code estimate.*} tolerances, --set) apply; the configured models do not.
 */
public final class PanelFit {
  private PanelFit() {}

  public static FitResult run(SparkSession spark, JobConfig config, FitRequest request, Path out) {
    Dataset<Row> panel = read(spark, request.panel());
    check(panel, request);
    EstimationSettings settings = EstimationSettings.from(config.section("estimate"))
        .withModels(List.of(request.spec()));
    BlockStorage.use(spark.sparkContext(), config.section("estimate").getString(BlockStorage.KEY));
    FitResult fit = ModelFitter.fit(panel, request.spec(), settings);
    EstimatesWriter.writeModels(out.resolve("estimates"), List.of(fit));
    return fit;
  }

  /** The file as a DataFrame: Parquet by its name, else CSV with a header row. */
  static Dataset<Row> read(SparkSession spark, Path file) {
    if (!Files.exists(file)) {
      throw new InputException("fit --panel: " + file + " does not exist (rule: a CSV file with a "
          + "header row, or a .parquet file or folder; example: --panel data/trade.csv); nothing "
          + "was estimated");
    }
    return InputFormat.of(file) == InputFormat.PARQUET
        ? spark.read().parquet(file.toString())
        : spark.read().option("header", "true").option("inferSchema", "true")
            .csv(file.toString());
  }

  /** Every named column present; the outcome and regressor columns numeric. */
  static void check(Dataset<Row> panel, FitRequest request) {
    List<String> have = Arrays.asList(panel.columns());
    List<String> missing = request.columns().stream().filter(c -> !have.contains(c)).toList();
    if (!missing.isEmpty()) {
      throw new InputException("fit --panel " + request.panel().getFileName() + ": column"
          + (missing.size() > 1 ? "s " : " ") + quoted(missing) + " named by the model \""
          + request.spec().formula().text() + "\" (vcov " + request.spec().vcov().label()
          + request.spec().gravity().map(g -> ", gravity " + g.columns()).orElse("")
          + ") " + (missing.size() > 1 ? "are" : "is") + " not in the panel, whose columns are "
          + quoted(have.subList(0, Math.min(have.size(), 20))) + (have.size() > 20 ? " ..." : "")
          + " (rule: every column the formula, --vcov and --gravity name must be a column of "
          + "the file; example: --formula \"y ~ x | a^t + b^t\" needs y, x, a, b, t); nothing was "
          + "estimated");
    }
    for (String c : request.numericColumns()) {
      StructField f = panel.schema().apply(c);
      if (!(f.dataType() instanceof NumericType)) {
        boolean outcome = c.equals(request.spec().formula().outcome());
        throw new InputException("fit --panel " + request.panel().getFileName() + ": "
            + (outcome ? "the outcome" : "regressor") + " column \"" + c + "\" holds "
            + f.dataType().simpleString() + " values, not numbers (rule: the outcome and every "
            + "regressor are numeric; example: 0.25, 12, 1e3; a category belongs in the fixed "
            + "effects or in i(" + c + ")); nothing was estimated");
      }
    }
  }

  private static String quoted(List<String> names) {
    return "\"" + String.join("\", \"", names) + "\"";
  }
}
