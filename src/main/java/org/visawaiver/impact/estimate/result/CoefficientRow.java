package org.visawaiver.impact.estimate.result;

import org.visawaiver.impact.estimate.inference.TermInference;

/**
 * One line of the coefficient table (pyfixest's tidy()): fixed columns, always in this order.
 *
 * @param statistic estimate / std_error (z for PPML, t for OLS)
 * @param pValue two-sided, normal for PPML, t with the model's residual df for OLS
 * @param ciLow 95% interval of the kind {@code interval} names
 * @param effectPct 100 (exp(estimate) - 1)
 * @param interval which interval ciLow/ciHigh hold: cluster (estimate ± critical value x
 *     std_error; iid or hetero when the model's variance is that), cluster_bc, cluster_bc_t or
 *     wild_bootstrap ({@link FitResult#interval(int, String)}; an unbounded end is infinite)
 * @param inference treated and effective clusters, bootstrap p-value and interval
 */
public record CoefficientRow(String term, double estimate, double stdError, double statistic,
    double pValue, double ciLow, double ciHigh, double effectPct, String interval,
    TermInference inference) {
  /** The interval's ends as effects: 100 (exp(ci_low) - 1), a monotone map of the log interval. */
  public double effectPctCiLow() {
    return 100 * Math.expm1(ciLow);
  }

  /** 100 (exp(ci_high) - 1). */
  public double effectPctCiHigh() {
    return 100 * Math.expm1(ciHigh);
  }
}
