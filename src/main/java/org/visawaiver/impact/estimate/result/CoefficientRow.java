package org.visawaiver.impact.estimate.result;

/**
 * One line of the coefficient table (pyfixest's tidy()): fixed columns, always in this order.
 *
 * @param statistic estimate / std_error (z for PPML, t for OLS)
 * @param pValue two-sided, normal for PPML, t with the model's residual df for OLS
 * @param ciLow 95% interval, same distribution
 * @param effectPct 100 (exp(estimate) - 1)
 */
public record CoefficientRow(String term, double estimate, double stdError, double statistic,
    double pValue, double ciLow, double ciHigh, double effectPct) {
  /** The interval's ends as effects: 100 (exp(ci_low) - 1), a monotone map of the log interval. */
  public double effectPctCiLow() {
    return 100 * Math.expm1(ciLow);
  }

  /** 100 (exp(ci_high) - 1). */
  public double effectPctCiHigh() {
    return 100 * Math.expm1(ciHigh);
  }
}
