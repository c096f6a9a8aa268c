package org.visawaiver.impact.estimate.eventstudy;

import static org.visawaiver.impact.io.SpreadsheetCells.exact;
import static org.visawaiver.impact.io.SpreadsheetCells.pValue;
import static org.visawaiver.impact.io.SpreadsheetCells.text;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.visawaiver.impact.estimate.eventstudy.SunAbrahamAggregation.BinEstimate;
import org.visawaiver.impact.estimate.eventstudy.SunAbrahamAggregation.Pooled;
import org.visawaiver.impact.estimate.eventstudy.SunAbrahamAggregation.PretrendTest;
import org.visawaiver.impact.estimate.inference.FewClusterInference;
import org.visawaiver.impact.io.CsvTableWriter;

/**
 * Writes estimates/event_study.csv (one row per bin; the reference bin with estimate 0 and empty
 * standard error and interval) and estimates/event_study_summary.csv (ATT, pre-trend test and
 * counts per group), with the contract's columns, the pre-trend test's bootstrap p-value
 * {@code pretrend_boot_p_value} (empty where none was computed) and a {@code note} that says when
 * the cluster-robust ATT interval and pre-trend test rest on too few treated pairs to be trusted.
 */
public final class EventStudyWriter {
  public static final List<String> BIN_COLUMNS = List.of("model", "destination", "rel_bin",
      "rel_from", "rel_to", "estimate", "std_error", "ci_low", "ci_high", "effect_pct", "cohorts",
      "observations");
  public static final List<String> SUMMARY_COLUMNS = List.of("model", "destination", "att",
      "att_std_error", "att_ci_low", "att_ci_high", "pretrend_wald", "pretrend_df",
      "pretrend_p_value", "pretrend_boot_p_value", "treated_pairs", "cohorts", "always_treated_dropped", "note");

  private EventStudyWriter() {}

  public static void write(Path dir, List<EventStudy.Result> results) {
    List<List<String>> bins = new ArrayList<>();
    List<List<String>> summary = new ArrayList<>();
    for (EventStudy.Result r : results) {
      for (BinEstimate b : r.aggregates().bins()) {
        bins.add(List.of(text(r.model()), text(r.group()), text(b.bin().name()),
            bound(b.bin().from()), bound(b.bin().to()), exact(b.estimate()),
            exact(b.stdError()), exact(b.ciLow()), exact(b.ciHigh()), exact(b.effectPct()),
            Integer.toString(b.cohorts()), Long.toString(b.observations())));
      }
      Pooled att = r.aggregates().att();
      PretrendTest pre = r.aggregates().pretrend();
      summary.add(List.of(text(r.model()), text(r.group()), exact(att.estimate()),
          exact(att.stdError()), exact(att.ciLow()), exact(att.ciHigh()), exact(pre.wald()),
          Integer.toString(pre.df()), pValue(pre.pValue()), pValue(pre.bootPValue()),
          Long.toString(r.treatedUnits()),
          Long.toString(r.cohorts()), Long.toString(r.alwaysTreated()),
          text(fewTreatedNote(r.treatedUnits()))));
    }
    CsvTableWriter.write(dir.resolve("event_study.csv"), BIN_COLUMNS, bins);
    CsvTableWriter.write(dir.resolve("event_study_summary.csv"), SUMMARY_COLUMNS, summary);
  }

  /**
   * Empty from {@link FewClusterInference#FEW_CLUSTERS} treated pairs on; below, a warning. With
   * one to a few treated clusters a cluster-robust Wald test over-rejects badly (MacKinnon & Webb
   * 2017): on 24 generated worlds without any pre-trend the chi-squared pre-trend test rejected at
   * 5% in 83-96% of them, the restricted bootstrap in none (p 0.63-0.91 whatever the leads), and the
   * clustered ATT interval covered the truth in 46-62% (docs/estimation.md, scripts/bench-pretrend).
   */
  static String fewTreatedNote(long treatedPairs) {
    if (treatedPairs >= FewClusterInference.FEW_CLUSTERS) {
      return "";
    }
    return "only " + treatedPairs + " treated pair" + (treatedPairs == 1 ? "" : "s")
        + " (fewer than " + FewClusterInference.FEW_CLUSTERS + "): the cluster-robust ATT interval "
        + "is too narrow, the chi-squared pre-trend test over-rejects and its bootstrap p-value is "
        + "conservative (it has almost no power); read all three as descriptive";
  }

  private static String bound(Integer r) {
    return r == null ? "" : Integer.toString(r);
  }
}
