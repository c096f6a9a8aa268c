package org.visawaiver.impact.estimate.eventstudy;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.visawaiver.impact.io.SpreadsheetCells.exact;
import static org.visawaiver.impact.io.SpreadsheetCells.text;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.visawaiver.impact.estimate.spec.EstimationException;
import org.visawaiver.impact.estimate.ModelFitter;
import org.visawaiver.impact.estimate.result.CoefficientRow;
import org.visawaiver.impact.estimate.result.FitResult;
import org.visawaiver.impact.estimate.spec.EstimationSettings;
import org.visawaiver.impact.estimate.spec.FixedEffect;
import org.visawaiver.impact.estimate.spec.ModelSpec;
import org.visawaiver.impact.estimate.spec.Term;
import org.visawaiver.impact.io.CsvTableWriter;
import org.visawaiver.impact.domain.PanelColumns;

/**
 * Event study around waiver starts (estimate.event-study): for each compared destination, the
 * event of a pair (origin, destination) is the first month its waiver_share is positive;
 * rel_month = months since then, binned at -leads and +lags; pairs without an event sit in the
 * reference level -1 with the month before each event. The model is the default model's
 * estimator, fixed effects and variance with {@code i(rel_month, ref=-1)} in place of
 * waiver_by(), plus the waiver_share of the other destinations and the other regressors.
 * Writes event_study.csv (model, destination, rel_month, estimate, std_error, ci_low, ci_high,
 * effect_pct); the reference month is written with estimate 0.
 */
public final class EventStudy {
  public static final List<String> COLUMNS = List.of("model", "destination", "rel_month",
      "estimate", "std_error", "ci_low", "ci_high", "effect_pct");
  static final String REL = "rel_month";
  static final String OTHERS = "waiver_share_other_destinations";

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EventStudy.class);

  private EventStudy() {}

  public static List<FitResult> run(Dataset<Row> panel, EstimationSettings settings, Path dir) {
    ModelSpec base = settings.models().get(0);
    int leads = settings.eventStudy().leads();
    int lags = settings.eventStudy().lags();
    List<List<String>> rows = new ArrayList<>();
    List<FitResult> fits = new ArrayList<>();
    for (String dest : settings.compare()) {
      Dataset<Row> data = withEventTime(panel, dest, leads, lags);
      List<Term> terms = new ArrayList<>();
      terms.add(new Term.Interaction(REL, null, "-1"));
      terms.add(new Term.Column(OTHERS));
      for (Term t : base.formula().terms()) {
        if (!(t instanceof Term.WaiverBy)) {
          terms.add(t);
        }
      }
      String formula = base.formula().outcome() + " ~ "
          + String.join(" + ", terms.stream().map(Term::label).toList())
          + (base.formula().fixedEffects().isEmpty() ? "" : " | " + String.join(" + ",
              base.formula().fixedEffects().stream().map(FixedEffect::name).toList()));
      ModelSpec spec = ModelSpec.of(base.name() + "_event_" + dest,
          base.estimator().configName(), formula, base.vcov().label());
      FitResult fit;
      try {
        fit = ModelFitter.fit(data, spec, settings);
      } catch (EstimationException e) {
        // The main estimates are written already; one destination without usable events must
        // not stop the run.
        LOG.warn("event study for {} skipped: {}", dest, e.getMessage());
        continue;
      }
      fits.add(fit);
      for (int k = -leads; k <= lags; k++) {
        String term = REL + "::" + k;
        if (k == -1) {
          rows.add(List.of(text(fit.model()), text(dest), Integer.toString(k), "0", "", "", "",
              "0"));
          continue;
        }
        int i = fit.terms().indexOf(term);
        if (i < 0) {
          continue;
        }
        CoefficientRow r = fit.table().get(i);
        rows.add(List.of(text(fit.model()), text(dest), Integer.toString(k), exact(r.estimate()),
            exact(r.stdError()), exact(r.ciLow()), exact(r.ciHigh()), exact(r.effectPct())));
      }
    }
    CsvTableWriter.write(dir.resolve("event_study.csv"), COLUMNS, rows);
    return fits;
  }

  /** Adds rel_month (binned event time, -1 when no event) and the other destinations' share. */
  static Dataset<Row> withEventTime(Dataset<Row> panel, String dest, int leads, int lags) {
    Column monthIndex = functions.substring(col(PanelColumns.MONTH), 1, 4).cast("int").multiply(12)
        .plus(functions.substring(col(PanelColumns.MONTH), 6, 2).cast("int"));
    Column isDest = col(PanelColumns.DESTINATION).equalTo(lit(dest));
    Dataset<Row> withIndex = panel.withColumn("_mi", monthIndex);
    Dataset<Row> events = withIndex.where(isDest.and(col(PanelColumns.WAIVER_SHARE).gt(0)))
        .groupBy(PanelColumns.ORIGIN, PanelColumns.DESTINATION)
        .agg(functions.min("_mi").as("_event"));
    Dataset<Row> joined = withIndex.join(events, scala.collection.JavaConverters
        .asScalaBuffer(List.of(PanelColumns.ORIGIN, PanelColumns.DESTINATION)).toSeq(), "left");
    Column rel = greatest(lit(-leads), least(lit(lags), col("_mi").minus(col("_event"))));
    return joined
        .withColumn(REL, when(col("_event").isNull(), lit(-1)).otherwise(rel).cast("string"))
        .withColumn(OTHERS, when(isDest, lit(0.0)).otherwise(col(PanelColumns.WAIVER_SHARE)))
        .drop("_mi", "_event");
  }
}
