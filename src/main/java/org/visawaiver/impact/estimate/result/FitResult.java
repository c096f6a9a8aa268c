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
import org.visawaiver.impact.estimate.inference.Inference;
import org.visawaiver.impact.estimate.inference.TermInference;
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
 * @param inference treated and effective clusters, bootstrap p-values and intervals
 * @param interval which interval ci_low/ci_high hold and scenarios draw from: cluster |
 *     cluster_bc | cluster_bc_t | jackknife | jackknife_bc | wild_bootstrap (the model's own for a term without that
 *     interval; see {@link #interval(int, String)})
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
    Optional<GravityCorrection> gravityCorrection,
    Inference inference,
    String interval) {
  public static final double LEVEL = 0.95;
  public static final String CLUSTER = "cluster";
  public static final String CLUSTER_BC = "cluster_bc";
  public static final String WILD_BOOTSTRAP = "wild_bootstrap";
  public static final String CLUSTER_BC_T = "cluster_bc_t";
  public static final String JACKKNIFE = "jackknife";
  public static final String JACKKNIFE_BC = "jackknife_bc";

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
   * The slim value scenarios use: the estimates and the variance of the reported interval (see
   * {@link #reported}): each term's row and column of the variance are scaled to its standard
   * error, keeping the correlations; under cluster_bc the estimates are the bias-corrected ones.
   */
  public ModelResult toModelResult() {
    double[] b = coefficients();
    double[] scale = new double[terms.size()];
    for (int i = 0; i < scale.length; i++) {
      Reported r = reported(i);
      double se = Math.sqrt(vcov[i][i]);
      b[i] = r.estimate();
      scale[i] = se > 0 ? r.stdError() / se : 1;
    }
    double[][] v = vcov();
    for (int i = 0; i < scale.length; i++) {
      for (int j = 0; j < scale.length; j++) {
        v[i][j] *= scale[i] * scale[j];
      }
    }
    return new ModelResult(model, terms, b, v);
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
        : tQuantile(df);
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
    List<CoefficientRow> rows = new ArrayList<>();
    for (int i = 0; i < terms.size(); i++) {
      double b = coefficients[i];
      double se = Math.sqrt(vcov[i][i]);
      double stat = b / se;
      Reported r = reported(i);
      rows.add(new CoefficientRow(terms.get(i), b, se, stat, pValue(stat), r.low(), r.high(),
          100 * Math.expm1(b), r.interval(), inference.term(i)));
    }
    return rows;
  }

  /**
   * The interval ci_low/ci_high report for term i, with the estimate and standard error scenarios
   * draw from (see {@link #interval(int, String)}); a term without the configured interval gets
   * the model's own.
   */
  private Reported reported(int i) {
    return interval(i, interval);
  }

  /**
   * Term i's 95% interval of the given type, or the model's own (cluster, iid or hetero) where
   * that type does not exist for the term:
   * <ul>
   *   <li>cluster: estimate ± critical value x std_error;
   *   <li>cluster_bc: estimate_bc ± critical value x std_error_bc (Weidner-Zylkin);
   *   <li>cluster_bc_t: estimate_bc ± t_{0.975}(G* - 1) x std_error_bc, with G* the term's
   *       effective clusters (Carter, Schnepel and Steigerwald 2017) as degrees of freedom (at
   *       least 1, at most the model's own), estimate and std_error where there is no
   *       Weidner-Zylkin correction; scenarios draw with the SE it implies;
   *   <li>jackknife: estimate ± t_{0.975}(G - 1) x the leave-one-cluster-out jackknife (CV3)
   *       SE (MacKinnon, Nielsen and Webb 2023), G the clusters; scenarios draw with the SE it
   *       implies, SE_CV3 x t_{0.975}(G - 1) / critical value. Unbounded (infinite ends) when the
   *       term cannot be estimated without one of the clusters; scenarios then draw with the
   *       cluster SE;
   *   <li>jackknife_bc: estimate_bc ± t_{0.975}(G - 1) x the jackknife SE with the fixed
   *       effects' leverage of the Weidner-Zylkin computation ({@link #jackknifeStdErrorBc});
   *       the jackknife interval where there is no Weidner-Zylkin correction; unbounded where
   *       the jackknife is;
   *   <li>wild_bootstrap: boot_ci_low/high (centre β̂, SE implied by the interval,
   *       (high - low) / (2 x critical value)). An unbounded bootstrap interval is reported as it
   *       is (an infinite end, written as an empty cell); scenarios then draw with the cluster SE.
   * </ul>
   */
  public Reported interval(int i, String type) {
    double crit = critical();
    double b = coefficients[i];
    double se = Math.sqrt(vcov[i][i]);
    TermInference ti = inference.term(i);
    if (type.equals(WILD_BOOTSTRAP) && ti.hasInterval()) {
      boolean bounded = Double.isFinite(ti.bootLow()) && Double.isFinite(ti.bootHigh());
      return new Reported(WILD_BOOTSTRAP, b,
          bounded ? (ti.bootHigh() - ti.bootLow()) / (2 * crit) : se, ti.bootLow(),
          ti.bootHigh());
    }
    double bc = estimateBc(i);
    double sbc = stdErrorBc(i);
    boolean corrected = Double.isFinite(bc) && Double.isFinite(sbc);
    if (type.equals(CLUSTER_BC) && corrected) {
      return new Reported(CLUSTER_BC, bc, sbc, bc - crit * sbc, bc + crit * sbc);
    }
    if ((type.equals(JACKKNIFE) || type.equals(JACKKNIFE_BC))
        && !Double.isNaN(ti.jackknifeStdError()) && correction.clusters().size() == 1) {
      boolean withWz = type.equals(JACKKNIFE_BC) && corrected;
      double centre = withWz ? bc : b;
      double s = withWz && Double.isFinite(jackknifeStdErrorBc(i)) ? jackknifeStdErrorBc(i)
          : ti.jackknifeStdError();
      if (Double.isInfinite(ti.jackknifeStdError())) {
        return new Reported(type, centre, se, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
      }
      double q = jackknifeCritical(correction.clusters().get(0));
      return new Reported(type, centre, s * q / crit, centre - q * s, centre + q * s);
    }
    if (type.equals(CLUSTER_BC_T) && Double.isFinite(ti.effectiveClusters())) {
      double centre = corrected ? bc : b;
      double s = corrected ? sbc : se;
      double q = effectiveCritical(ti.effectiveClusters(), correction.residualDf());
      return new Reported(CLUSTER_BC_T, centre, s * q / crit, centre - q * s, centre + q * s);
    }
    return new Reported(modelInterval(), b, se, b - crit * se, b + crit * se);
  }

  /**
   * The 97.5% quantile of t(G* - 1), the degrees of freedom at least 1 and at most the model's
   * own (residualDf, infinite for PPML).
   */
  public static double effectiveCritical(double effectiveClusters, double residualDf) {
    return tQuantile(Math.min(Math.max(effectiveClusters - 1, 1), residualDf));
  }

  /** The 97.5% quantile of t(G - 1) (at least one degree of freedom), MNW's for CV3. */
  public static double jackknifeCritical(long clusters) {
    return tQuantile(Math.max(clusters - 1, 1));
  }

  /** The (0.5 + LEVEL/2) quantile of Student's t with df degrees of freedom. */
  private static double tQuantile(double df) {
    return new TDistribution(df).inverseCumulativeProbability(0.5 + LEVEL / 2);
  }

  /**
   * One reported interval.
   *
   * @param interval its type (the model's own where the asked type does not exist)
   * @param estimate its centre, the estimate scenarios draw around
   * @param stdError the SE scenarios draw with
   * @param low lower end (-infinity when unbounded)
   * @param high upper end (+infinity when unbounded)
   */
  public record Reported(String interval, double estimate, double stdError, double low,
      double high) {}

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

  /**
   * Leave-one-pair-out jackknife SE of term i with the fixed effects' leverage (Weidner-Zylkin's
   * per-pair leverage, docs/estimation.md); NaN where it does not apply.
   */
  public double jackknifeStdErrorBc(int i) {
    return gravityCorrection.map(g -> g.jackknifeStdError(i)).orElse(Double.NaN);
  }

  /** The interval of the model's own variance: cluster, or iid / hetero. */
  private String modelInterval() {
    return vcovLabel.startsWith(CLUSTER) ? CLUSTER : vcovLabel;
  }

  public long droppedTotal() {
    return dropped.values().stream().mapToLong(Long::longValue).sum();
  }
}
