package org.visawaiver.impact.estimate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.visawaiver.impact.estimate.fit.ModelFitter;
import org.visawaiver.impact.config.JobConfig;
import org.visawaiver.impact.domain.PanelColumns;
import org.visawaiver.impact.estimate.eventstudy.EventColumns;
import org.visawaiver.impact.estimate.exec.BlockStorage;
import org.visawaiver.impact.estimate.eventstudy.EventStudy;
import org.visawaiver.impact.estimate.eventstudy.EventStudyWriter;
import org.visawaiver.impact.estimate.result.FitResult;
import org.visawaiver.impact.estimate.result.ModelResult;
import org.visawaiver.impact.estimate.spec.EstimationSettings;
import org.visawaiver.impact.estimate.spec.FixedEffect;
import org.visawaiver.impact.estimate.spec.ModelSpec;

/**
 * Fits the configured models on the panel and writes OUT/estimates/: coefficients.csv,
 * model_summary.csv, waiver_comparison.csv, regime_contrasts.csv (and event_study.csv,
 * event_study_summary.csv when enabled). Returns the models' slim results, the first being the
 * default model.
 */
public final class EstimationStep {
  private static final Logger LOG = LoggerFactory.getLogger(EstimationStep.class);
  /**
   * The event study of a destination D: a pair's cohort is its first month with waiver_share > 0,
   * the units are the (origin, destination) pairs, the group is the destination.
   */
  public static final EventColumns EVENT_COLUMNS = new EventColumns(PanelColumns.WAIVER_SHARE,
      PanelColumns.DESTINATION, FixedEffect.of(PanelColumns.ORIGIN, PanelColumns.DESTINATION),
      PanelColumns.MONTH);

  private EstimationStep() {}

  public static List<ModelResult> run(SparkSession spark, Dataset<Row> panel, JobConfig config,
      Path out) {
    EstimationSettings settings = EstimationSettings.from(config.section("estimate"));
    BlockStorage.use(spark.sparkContext(), config.section("estimate").getString(BlockStorage.KEY));
    List<FitResult> fits = fitAll(panel, settings);
    Path dir = out.resolve("estimates");
    EstimatesWriter.write(dir, fits, settings.compare());
    RegimeContrastsWriter.write(dir, fits, settings.compare());
    if (settings.eventStudy().enabled()) {
      EventStudyWriter.write(dir, EventStudy.run(panel, EVENT_COLUMNS, settings));
    }
    List<ModelResult> results = new ArrayList<>();
    fits.forEach(f -> results.add(f.toModelResult()));
    return results;
  }

  /** Fits every configured model, in order. */
  public static List<FitResult> fitAll(Dataset<Row> panel, EstimationSettings settings) {
    List<FitResult> fits = new ArrayList<>();
    for (ModelSpec spec : settings.models()) {
      FitResult f = ModelFitter.fit(panel, spec, settings);
      LOG.info("model {}: {} observations, {} iterations, converged {}", f.model(),
          f.observations(), f.iterations(), f.converged());
      fits.add(f);
    }
    return fits;
  }
}
