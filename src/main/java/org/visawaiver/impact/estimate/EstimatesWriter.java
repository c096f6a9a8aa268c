package org.visawaiver.impact.estimate;

import static org.visawaiver.impact.io.SpreadsheetCells.exact;
import static org.visawaiver.impact.io.SpreadsheetCells.pValue;
import static org.visawaiver.impact.io.SpreadsheetCells.text;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.visawaiver.impact.estimate.frame.ModelFrameBuilder;
import org.visawaiver.impact.estimate.frame.ObservationFilter;
import org.visawaiver.impact.estimate.ppml.ReluSeparation;
import org.visawaiver.impact.estimate.inference.TermInference;
import org.visawaiver.impact.estimate.result.CoefficientRow;
import org.visawaiver.impact.estimate.result.FitResult;
import org.visawaiver.impact.estimate.inference.TermInference;
import org.visawaiver.impact.io.CsvTableWriter;
import org.visawaiver.impact.estimate.vcov.SmallSampleCorrection;

/**
 * Writes estimates/coefficients.csv, model_summary.csv and waiver_comparison.csv (and vcov.csv
 * through {@link VcovWriter}). Estimates keep a double's precision; p-values below 1e-4 are short
 * scientific numbers ({@link org.visawaiver.impact.io.SpreadsheetCells#pValue}).
 */
public final class EstimatesWriter {
  public static final List<String> COEFFICIENT_COLUMNS = List.of("model", "term", "estimate",
      "std_error", "z_value", "p_value", "ci_low", "ci_high", "effect_pct", "effect_pct_ci_low",
      "effect_pct_ci_high", "bias", "estimate_bc", "std_error_bc", "interval", "boot_p_value",
      "boot_ci_low", "boot_ci_high", "treated_clusters", "effective_clusters", "std_error_jk",
      "std_error_jk_bc");
  /** Reasons an observation is dropped, in the order the rules run. */
  static final List<String> DROP_REASONS = List.of(ModelFrameBuilder.MISSING_OUTCOME,
      ModelFrameBuilder.MISSING_REGRESSOR, ModelFrameBuilder.ZERO_OUTCOME_FOR_LOG,
      ObservationFilter.SINGLETONS, ObservationFilter.SEPARATION_FE, ReluSeparation.SEPARATION_RELU);
  public static final List<String> SUMMARY_COLUMNS;
  public static final List<String> COMPARISON_COLUMNS = List.of("model", "destination", "term",
      "estimate", "std_error", "ci_low", "ci_high", "effect_pct", "p_value", "wald_hypothesis",
      "wald_statistic", "wald_df", "wald_p_value", "wald_boot_p_value");

  static {
    List<String> c = new ArrayList<>(List.of("model", "estimator", "formula", "vcov",
        "observations_used"));
    DROP_REASONS.forEach(r -> c.add("dropped_" + r));
    c.addAll(List.of("dropped_terms", "clusters", "iterations", "demean_iterations", "converged",
        "deviance", "irls_tol", "demean_tol", "k", "fe_parameters", "nested_fixed_effects",
        "ssc_adjustment", "ssc_cluster_adjustment", "ssc_factor", "residual_df", "notes"));
    SUMMARY_COLUMNS = List.copyOf(c);
  }

  private EstimatesWriter() {}

  public static void write(Path dir, List<FitResult> fits, List<String> compare) {
    writeModels(dir, fits);
    List<List<String>> comparison = new ArrayList<>();
    for (FitResult f : fits) {
      WaiverComparison w = WaiverComparison.of(f, compare);
      for (int i = 0; i < w.effects().size(); i++) {
        CoefficientRow r = w.effects().get(i);
        comparison.add(List.of(text(f.model()), text(w.destinations().get(i)), text(r.term()),
            exact(r.estimate()), exact(r.stdError()), exact(r.ciLow()), exact(r.ciHigh()),
            exact(r.effectPct()), pValue(r.pValue()), text(w.hypothesis()), exact(w.statistic()),
            Integer.toString(w.df()), pValue(w.pValue()),
            pValue(f.inference().waldBootPValue())));
      }
    }
    CsvTableWriter.write(dir.resolve("waiver_comparison.csv"), COMPARISON_COLUMNS, comparison);
  }

  /**
   * coefficients.csv, model_summary.csv and vcov.csv of any fitted models (what {@code fit} writes;
   * {@link #write} adds the waiver comparison of the configured models).
   */
  public static void writeModels(Path dir, List<FitResult> fits) {
    List<List<String>> coef = new ArrayList<>();
    List<List<String>> summary = new ArrayList<>();
    for (FitResult f : fits) {
      List<CoefficientRow> rows = f.table();
      for (int i = 0; i < rows.size(); i++) {
        CoefficientRow r = rows.get(i);
        TermInference ti = r.inference();
        coef.add(List.of(text(f.model()), text(r.term()), exact(r.estimate()), exact(r.stdError()),
            exact(r.statistic()), pValue(r.pValue()), exact(r.ciLow()), exact(r.ciHigh()),
            exact(r.effectPct()), exact(r.effectPctCiLow()), exact(r.effectPctCiHigh()),
            exact(f.bias(i)), exact(f.estimateBc(i)), exact(f.stdErrorBc(i)),
            text(r.interval()), pValue(ti.bootPValue()), exact(ti.bootLow()), exact(ti.bootHigh()),
            ti.treatedClusters() < 0 ? "" : Integer.toString(ti.treatedClusters()),
            exact(ti.effectiveClusters()), exact(ti.jackknifeStdError()),
            exact(f.jackknifeStdErrorBc(i))));
      }
      summary.add(summaryRow(f));
    }
    CsvTableWriter.write(dir.resolve("coefficients.csv"), COEFFICIENT_COLUMNS, coef);
    CsvTableWriter.write(dir.resolve("model_summary.csv"), SUMMARY_COLUMNS, summary);
    VcovWriter.write(dir, fits);
  }

  private static List<String> summaryRow(FitResult f) {
    SmallSampleCorrection c = f.correction();
    List<String> row = new ArrayList<>(List.of(text(f.model()), text(f.estimator()),
        text(f.formula()), text(f.vcovLabel()), Long.toString(f.observations())));
    for (String reason : DROP_REASONS) {
      Long n = f.dropped().get(reason);
      row.add(n == null ? "" : Long.toString(n));
    }
    List<String> clusters = new ArrayList<>();
    for (int i = 0; i < f.clusterNames().size(); i++) {
      clusters.add(f.clusterNames().get(i) + "=" + c.clusters().get(i));
    }
    row.addAll(List.of(text(String.join("; ", f.droppedTerms())), text(String.join("; ", clusters)),
        Integer.toString(f.iterations()), Integer.toString(f.demeanIterations()),
        Boolean.toString(f.converged()), exact(f.deviance()), exact(f.irlsTol()),
        exact(f.demeanTol()), Integer.toString(c.k()), Long.toString(c.fixedEffectParameters()),
        text(String.join("; ", c.nestedFixedEffects())), exact(c.adjustment()),
        exact(c.clusterAdjustment()), exact(c.factor()),
        Double.isInfinite(c.residualDf()) ? "normal" : exact(c.residualDf()),
        text(notes(f).stream().collect(Collectors.joining(" | ")))));
    return row;
  }

  /** The fit's notes, then the few-cluster inference's (method first). */
  private static List<String> notes(FitResult f) {
    List<String> all = new ArrayList<>(f.notes());
    if (!f.inference().method().isEmpty()) {
      all.add("bootstrap: " + f.inference().method());
    }
    all.addAll(f.inference().notes());
    return all;
  }

}
