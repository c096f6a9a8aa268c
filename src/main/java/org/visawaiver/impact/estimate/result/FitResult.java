package org.visawaiver.impact.estimate.result;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.visawaiver.impact.estimate.inference.GravityCorrection;
import org.visawaiver.impact.estimate.vcov.SmallSampleCorrection;

/**
 * Everything one fitted model reports. Immutable. {@link #toModelResult()} gives the slim value
 * that scenarios use.
 *
 * @param model the model's name
 * @param estimator ppml or ols
 * @param formula the formula as configured
 * @param vcovLabel the variance as configured (iid, hetero, cluster(...))
 * @param terms estimated coefficients (collinear regressors left out, as fixest)
 * @param coefficients aligned with terms
 * @param vcov aligned with terms
 * @param observations observations used
 * @param dropped observations dropped and why (missing_outcome, missing_regressor,
 *     zero_outcome_for_log, singletons, separation_fe, separation_relu)
 * @param droppedTerms regressors removed for collinearity
 * @param correction small-sample factors, n, K, clusters
 * @param clusterNames cluster dimensions, aligned with correction.clusters()
 * @param iterations IRLS iterations (1 for OLS)
 * @param demeanIterations passes of the fixed-effect solver
 * @param converged IRLS and demeaning met their tolerances
 * @param deviance Poisson deviance, or residual sum of squares for OLS
 * @param demeanTol the solver tolerance used
 * @param irlsTol the IRLS tolerance used
 * @param notes remarks
 * @param gravityCorrection Weidner-Zylkin bias and bias-corrected variance (PPML with a gravity
 *     structure), aligned with terms; empty otherwise
 */
public record FitResult(
    String model,
    String estimator,
    String formula,
    String vcovLabel,
    List<String> terms,
    double[] coefficients,
    double[][] vcov,
    long observations,
    Map<String, Long> dropped,
    List<String> droppedTerms,
    SmallSampleCorrection correction,
    List<String> clusterNames,
    int iterations,
    int demeanIterations,
    boolean converged,
    double deviance,
    double demeanTol,
    double irlsTol,
    List<String> notes,
    Optional<GravityCorrection> gravityCorrection) {
  public static final double LEVEL = 0.95;

  public FitResult {
    terms = List.copyOf(terms);
    coefficients = coefficients.clone();
    vcov = copy(vcov);
    dropped = Collections.unmodifiableMap(new LinkedHashMap<>(dropped));
    droppedTerms = List.copyOf(droppedTerms);
    clusterNames = List.copyOf(clusterNames);
    notes = List.copyOf(notes);
  }

  private static double[][] copy(double[][] m) {
    double[][] c = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      c[i] = m[i].clone();
    }
    return c;
  }

  @Override
  public double[] coefficients() {
    return coefficients.clone();
  }

  @Override
  public double[][] vcov() {
    return copy(vcov);
  }

  /** The slim value scenarios use. */
  public ModelResult toModelResult() {
    return new ModelResult(model, terms, coefficients, vcov);
  }

  public double coefficient(String term) {
    return coefficients[index(term)];
  }

  public double stdError(String term) {
    int i = index(term);
    return Math.sqrt(vcov[i][i]);
  }

  private int index(String term) {
    int i = terms.indexOf(term);
    if (i < 0) {
      throw new IllegalArgumentException("model " + model + " has no coefficient " + term
          + " (terms: " + terms + ")");
    }
    return i;
  }

  /** Critical value and tail probability: normal for PPML, t(residual df) for OLS. */
  public double critical() {
    double df = correction.residualDf();
    return Double.isInfinite(df)
        ? new NormalDistribution().inverseCumulativeProbability(0.5 + LEVEL / 2)
        : new TDistribution(df).inverseCumulativeProbability(0.5 + LEVEL / 2);
  }

  public double pValue(double statistic) {
    double df = correction.residualDf();
    double tail = Double.isInfinite(df)
        ? new NormalDistribution().cumulativeProbability(-Math.abs(statistic))
        : new TDistribution(df).cumulativeProbability(-Math.abs(statistic));
    return 2 * tail;
  }

  /** The coefficient table. */
  public List<CoefficientRow> table() {
    double crit = critical();
    List<CoefficientRow> rows = new ArrayList<>();
    for (int i = 0; i < terms.size(); i++) {
      double b = coefficients[i];
      double se = Math.sqrt(vcov[i][i]);
      double stat = b / se;
      rows.add(new CoefficientRow(terms.get(i), b, se, stat, pValue(stat), b - crit * se,
          b + crit * se, 100 * Math.expm1(b)));
    }
    return rows;
  }

  /** Weidner-Zylkin bias of term i (to subtract); NaN where it does not apply. */
  public double bias(int i) {
    return gravityCorrection.map(g -> g.bias()[i]).orElse(Double.NaN);
  }

  /** Bias-corrected estimate of term i; NaN where no correction applies. */
  public double estimateBc(int i) {
    return gravityCorrection.map(g -> g.estimate(i, coefficients[i])).orElse(Double.NaN);
  }

  /** Bias-corrected pair-clustered standard error of term i; NaN where it does not apply. */
  public double stdErrorBc(int i) {
    return gravityCorrection.map(g -> g.stdError(i)).orElse(Double.NaN);
  }

  public long droppedTotal() {
    return dropped.values().stream().mapToLong(Long::longValue).sum();
  }
}
