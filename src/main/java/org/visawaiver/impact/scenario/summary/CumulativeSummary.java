package org.visawaiver.impact.scenario.summary;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The headline and the tornado data of one scenario: cumulative totals over the horizon for a
 * group of origins (one origin, or all of a scenario's origins for {@code ALL}), per draw, then
 * summarised. Per draw d and origin o, with {@code G} the ramp-weighted cumulative baseline draw:
 *
 * <pre>
 *   incremental  I_o[d] = effect_o[d] x G_o[d]
 *   spending     S_o[d] = spend_o[d] x I_o[d]
 *   fees         F_o    = fee_o x baseline point total_o                         (fixed)
 *   net fiscal   N[d]   = sum_o tax_o[d] x S_o[d] - sum_o F_o
 *   NPV          the same with each month discounted by (1 + r)^(-h/12), h = 0 at the start month
 *   job-years    J[d]   = sum_o S_o[d] / 1e6 x jobs_per_musd_o[d] x multiplier_o[d]
 *   prob_net_fiscal_positive      = share of draws with N[d] > 0
 *   prob_uplift_above_break_even  = share of draws with sum_o (tax_o[d] spend_o[d] effect_o[d] - fee_o) x baseline_o > 0
 * </pre>
 *
 * the last is "the full-size effect pays for the fees on the point baseline" (for one origin:
 * {@code effect[d] > fee / (tax[d] x spend[d])}), without the ramp-up and the baseline's error.
 */
public final class CumulativeSummary {
  /** Inputs a tornado varies one at a time. */
  public enum Input {
    EFFECT("effect", "pct"),
    SPEND("spend_per_arrival_usd", "usd"),
    JOBS("jobs_per_musd", "jobs_per_musd"),
    MULTIPLIER("employment_multiplier", "ratio"),
    TAX("tax_share", "share"),
    BASELINE("baseline", "arrivals");

    private final String label;
    private final String unit;

    Input(String label, String unit) {
      this.label = label;
      this.unit = unit;
    }

    public String label() {
      return label;
    }
  }

  /** Outputs of the tornado. */
  public static final List<String> OUTPUTS = List.of("net_fiscal_usd", "job_years");

  /** What every row of one scenario shares. */
  public record Scenario(
      String name, String destination, String startMonth, String endMonth, int horizonMonths,
      double discountRate, int draws, long seed) {}

  private CumulativeSummary() {}

  /** The summary row of a group of origins. */
  public static SummaryRow summarise(
      Scenario s, String originLabel, List<OriginDraws> group, String effectSource, double breakEvenUpliftPct) {
    int n = s.draws();
    double[] inc = new double[n];
    double[] spending = new double[n];
    double[] net = new double[n];
    double[] npv = new double[n];
    double[] jobs = new double[n];
    double[] margin = new double[n];
    double[] weightedEffect = new double[n];
    double baseline = 0;
    double fees = 0;
    double discountedFees = 0;
    for (OriginDraws o : group) {
      baseline += o.baselinePoint();
      fees += o.fee() * o.baselinePoint();
      discountedFees += o.fee() * o.discountedBaselinePoint();
      for (int d = 0; d < n; d++) {
        double i = o.effect()[d] * o.rampedBaseline()[d];
        double sp = o.spend()[d] * i;
        inc[d] += i;
        spending[d] += sp;
        net[d] += o.tax()[d] * sp;
        npv[d] += o.tax()[d] * o.spend()[d] * o.effect()[d] * o.discountedRampedBaseline()[d];
        jobs[d] += sp / 1e6 * o.jobsPerMusd()[d] * o.multiplier()[d];
        margin[d] += (o.tax()[d] * o.spend()[d] * o.effect()[d] - o.fee()) * o.baselinePoint();
        weightedEffect[d] += o.effect()[d] * o.baselinePoint();
      }
    }
    for (int d = 0; d < n; d++) {
      net[d] -= fees;
      npv[d] -= discountedFees;
      weightedEffect[d] = baseline > 0 ? 100 * weightedEffect[d] / baseline : Double.NaN;
    }
    if (group.size() == 1) {
      weightedEffect = Arrays.stream(group.get(0).effect()).map(e -> 100 * e).toArray();
    }
    double[] p = Quantiles.P10_P50_P90;
    return new SummaryRow(s.name(), s.destination(), originLabel, s.startMonth(), s.endMonth(), s.horizonMonths(),
        baseline, Quantiles.of(inc, p), Quantiles.of(spending, p), fees, Quantiles.of(net, p), s.discountRate(),
        Quantiles.of(npv, p), Quantiles.of(jobs, p), Quantiles.shareAbove(net, 0), Quantiles.shareAbove(margin, 0),
        breakEvenUpliftPct, Quantiles.of(weightedEffect, p), effectSource, n, s.seed(), "");
  }

  /**
   * The tornado rows of a group: for each output and input, the output's median with every input
   * drawn and with the input held at its p10 and at its p90 (each origin at its own percentile).
   */
  public static List<SensitivityRow> sensitivity(Scenario s, String originLabel, List<OriginDraws> group) {
    List<SensitivityRow> rows = new ArrayList<>();
    double[] base = medians(group);
    for (Input input : Input.values()) {
      double[] atLow = medians(group.stream().map(o -> hold(o, input, 0.1)).toList());
      double[] atHigh = medians(group.stream().map(o -> hold(o, input, 0.9)).toList());
      double low = Double.NaN;
      double high = Double.NaN;
      if (group.size() == 1) {
        double[] shown = input == Input.BASELINE ? group.get(0).baselineDraw() : values(group.get(0), input);
        double scale = input == Input.EFFECT ? 100 : 1;
        double[] q = Quantiles.of(shown, new double[] {0.1, 0.9});
        low = scale * q[0];
        high = scale * q[1];
      }
      for (int k = 0; k < OUTPUTS.size(); k++) {
        rows.add(new SensitivityRow(s.name(), s.destination(), originLabel, OUTPUTS.get(k), input.label(),
            input.unit, low, high, base[k], atLow[k], atHigh[k]));
      }
    }
    return rows;
  }

  /** Medians of cumulative net fiscal and job-years over the draws. */
  private static double[] medians(List<OriginDraws> group) {
    int n = group.get(0).draws();
    double[] net = new double[n];
    double[] jobs = new double[n];
    double fees = 0;
    for (OriginDraws o : group) {
      fees += o.fee() * o.baselinePoint();
      for (int d = 0; d < n; d++) {
        double sp = o.spend()[d] * o.effect()[d] * o.rampedBaseline()[d];
        net[d] += o.tax()[d] * sp;
        jobs[d] += sp / 1e6 * o.jobsPerMusd()[d] * o.multiplier()[d];
      }
    }
    for (int d = 0; d < n; d++) {
      net[d] -= fees;
    }
    return new double[] {Quantiles.of(net, new double[] {0.5})[0], Quantiles.of(jobs, new double[] {0.5})[0]};
  }

  private static double[] values(OriginDraws o, Input input) {
    Function<OriginDraws, double[]> get =
        switch (input) {
          case EFFECT -> OriginDraws::effect;
          case SPEND -> OriginDraws::spend;
          case JOBS -> OriginDraws::jobsPerMusd;
          case MULTIPLIER -> OriginDraws::multiplier;
          case TAX -> OriginDraws::tax;
          case BASELINE -> OriginDraws::rampedBaseline;
        };
    return get.apply(o);
  }

  /** {@code o} with one input held at its own percentile {@code p} in every draw. */
  static OriginDraws hold(OriginDraws o, Input input, double p) {
    double[] held = new double[o.draws()];
    Arrays.fill(held, Quantiles.of(values(o, input), new double[] {p})[0]);
    return new OriginDraws(o.origin(),
        input == Input.EFFECT ? held : o.effect(),
        input == Input.BASELINE ? held : o.rampedBaseline(),
        o.discountedRampedBaseline(), o.baselineDraw(),
        input == Input.SPEND ? held : o.spend(),
        input == Input.JOBS ? held : o.jobsPerMusd(),
        input == Input.MULTIPLIER ? held : o.multiplier(),
        input == Input.TAX ? held : o.tax(),
        o.fee(), o.baselinePoint(), o.discountedBaselinePoint());
  }
}
