package org.visawaiver.impact.estimate.result;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;
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
 * @param inference treated and effective clusters, bootstrap p-values and intervals
 * @param interval which interval ci_low/ci_high hold and scenarios draw from: cluster |
 *     wild_bootstrap (cluster for a term without a bootstrap interval)
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
    Inference inference,
    String interval) {
  public static final double LEVEL = 0.95;
  public static final String CLUSTER = "cluster";
  public static final String WILD_BOOTSTRAP = "wild_bootstrap";

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

  /**
   * The slim value scenarios use: the estimates and the variance of the reported interval. Where
   * ci_low/ci_high hold a bootstrap interval the term's row and column of the variance are scaled
   * to the standard error that interval implies, (ci_high - ci_low) / (2 x critical value),
   * keeping the correlations.
   */
  public ModelResult toModelResult() {
    double crit = critical();
    double[] scale = new double[terms.size()];
    for (int i = 0; i < scale.length; i++) {
      TermInference ti = inference.term(i);
      double se = Math.sqrt(vcov[i][i]);
      scale[i] = usesBootstrap(ti) && se > 0 ? (ti.bootHigh() - ti.bootLow()) / (2 * crit) / se
          : 1;
    }
    double[][] v = vcov();
    for (int i = 0; i < scale.length; i++) {
      for (int j = 0; j < scale.length; j++) {
        v[i][j] *= scale[i] * scale[j];
      }
    }
    return new ModelResult(model, terms, coefficients, v);
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

  /** The coefficient table; ci_low/ci_high hold the configured interval where it exists. */
  public List<CoefficientRow> table() {
    double crit = critical();
    List<CoefficientRow> rows = new ArrayList<>();
    for (int i = 0; i < terms.size(); i++) {
      double b = coefficients[i];
      double se = Math.sqrt(vcov[i][i]);
      double stat = b / se;
      TermInference ti = inference.term(i);
      boolean boot = usesBootstrap(ti);
      rows.add(new CoefficientRow(terms.get(i), b, se, stat, pValue(stat),
          boot ? ti.bootLow() : b - crit * se, boot ? ti.bootHigh() : b + crit * se,
          100 * Math.expm1(b), boot ? WILD_BOOTSTRAP : modelInterval(), ti));
    }
    return rows;
  }

  /** The interval of the model's own variance: cluster, or iid / hetero. */
  private String modelInterval() {
    return vcovLabel.startsWith(CLUSTER) ? CLUSTER : vcovLabel;
  }

  private boolean usesBootstrap(TermInference ti) {
    return interval.equals(WILD_BOOTSTRAP) && ti.hasInterval()
        && Double.isFinite(ti.bootLow()) && Double.isFinite(ti.bootHigh());
  }

  public long droppedTotal() {
    return dropped.values().stream().mapToLong(Long::longValue).sum();
  }
}
