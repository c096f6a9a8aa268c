package org.visawaiver.impact.scenario.transfer;

import java.util.Arrays;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * The Bayesian random-effects model of k waiver estimates for very few studies (Friede, Röver,
 * Wandel and Neuenschwander 2017, Biometrical Journal 59; Röver 2020, J Stat Softw 93, bayesmeta):
 * {@code b ~ N(mu 1, V + tau^2 I)} with {@code V} the model's full covariance of the waiver
 * estimates, a flat prior on {@code mu} and a half-normal prior with scale {@code s} on
 * {@code tau}. The marginal posterior of tau is evaluated on a grid of {@value #GRID} points over
 * {@code [0, 10 s]} (prior mass beyond 10 s is below 1e-22), trapezoid weights:
 *
 * <pre>
 *   S = V + tau^2 I,  W = S^-1
 *   p(tau | b) ∝ exp(-tau^2 / (2 s^2)) |S|^-1/2 (1'W1)^-1/2 exp(-(b'Wb - (1'Wb)^2 / 1'W1) / 2)
 *   given tau:  a = W1 / 1'W1,  mu_hat = a'b,  var_mu = 1 / 1'W1          (GLS)
 *   theta_new | tau, b ~ N(mu_hat, var_mu + tau^2)
 * </pre>
 *
 * and the posterior predictive of theta_new is the tau-mixture of these normals. Immutable.
 */
public final class TauPosterior {
  /** Grid points on [0, 10 s]. */
  static final int GRID = 2001;
  /** Default prior scale of tau on the log-effect scale (docs/scenarios.md, Transfer). */
  public static final double DEFAULT_SCALE = 0.5;

  private final double scale;
  private final double[] tau;
  private final double[] prob;
  private final double[] cdf; // trapezoid integral of the density up to each grid point
  private final double[][] a;
  private final double[] muHat;
  private final double[] varMu;

  private TauPosterior(
      double scale, double[] tau, double[] prob, double[] cdf, double[][] a, double[] muHat, double[] varMu) {
    this.scale = scale;
    this.tau = tau;
    this.prob = prob;
    this.cdf = cdf;
    this.a = a;
    this.muHat = muHat;
    this.varMu = varMu;
  }

  /**
   * The posterior of tau given estimates {@code b} with covariance {@code v} and the half-normal
   * prior scale {@code scale}.
   *
   * @throws IllegalArgumentException when the scale is not positive and finite, fewer than two
   *     estimates, or {@code v} is not positive definite (the message says which)
   */
  public static TauPosterior of(double[] b, double[][] v, double scale) {
    int k = b.length;
    if (!(scale > 0) || !Double.isFinite(scale)) {
      throw new IllegalArgumentException("tau prior scale " + scale + ": the half-normal prior of tau needs a"
          + " positive, finite scale (log points, e.g. 0.5)");
    }
    if (k < 2 || v.length != k) {
      throw new IllegalArgumentException("a random-effects posterior needs at least two estimates and a k x k"
          + " covariance; found " + k + " estimates and " + v.length + " rows");
    }
    double[] tau = new double[GRID];
    double[] logPost = new double[GRID];
    double[][] a = new double[GRID][];
    double[] muHat = new double[GRID];
    double[] varMu = new double[GRID];
    double max = Double.NEGATIVE_INFINITY;
    double step = 10 * scale / (GRID - 1);
    for (int g = 0; g < GRID; g++) {
      tau[g] = g * step;
      double t2 = tau[g] * tau[g];
      RealMatrix s = new Array2DRowRealMatrix(k, k);
      for (int i = 0; i < k; i++) {
        for (int j = 0; j < k; j++) {
          s.setEntry(i, j, 0.5 * (v[i][j] + v[j][i]) + (i == j ? t2 : 0));
        }
      }
      CholeskyDecomposition chol;
      try {
        chol = new CholeskyDecomposition(s, 1e-12, 1e-300);
      } catch (NonPositiveDefiniteMatrixException e) {
        throw new IllegalArgumentException("the covariance of the waiver estimates plus tau^2 = " + t2
            + " is not positive definite: " + e.getMessage(), e);
      }
      DecompositionSolver solver = chol.getSolver();
      double[] ones = new double[k];
      Arrays.fill(ones, 1);
      double[] w1 = solver.solve(new ArrayRealVector(ones)).toArray();
      double[] wb = solver.solve(new ArrayRealVector(b)).toArray();
      double oneW1 = 0;
      double oneWb = 0;
      double bWb = 0;
      for (int i = 0; i < k; i++) {
        oneW1 += w1[i];
        oneWb += wb[i];
        bWb += b[i] * wb[i];
      }
      a[g] = new double[k];
      for (int i = 0; i < k; i++) {
        a[g][i] = w1[i] / oneW1;
      }
      muHat[g] = oneWb / oneW1;
      varMu[g] = 1 / oneW1;
      double logDet = Math.log(chol.getDeterminant());
      logPost[g] = -t2 / (2 * scale * scale) - 0.5 * logDet - 0.5 * Math.log(oneW1)
          - 0.5 * (bWb - oneWb * oneWb / oneW1);
      max = Math.max(max, logPost[g]);
    }
    double[] density = new double[GRID];
    double total = 0;
    for (int g = 0; g < GRID; g++) {
      density[g] = Math.exp(logPost[g] - max);
      total += (g == 0 || g == GRID - 1 ? 0.5 : 1) * density[g];
    }
    double[] prob = new double[GRID];
    double[] cdf = new double[GRID];
    for (int g = 0; g < GRID; g++) {
      prob[g] = (g == 0 || g == GRID - 1 ? 0.5 : 1) * density[g] / total;
      cdf[g] = g == 0 ? 0 : cdf[g - 1] + 0.5 * (density[g - 1] + density[g]) / total;
    }
    return new TauPosterior(scale, tau, prob, cdf, a, muHat, varMu);
  }

  /** The prior scale s. */
  public double scale() {
    return scale;
  }

  /** The posterior p-quantile of tau: the trapezoid cdf inverted linearly within a grid cell. */
  public double tauQuantile(double p) {
    for (int g = 1; g < GRID; g++) {
      if (cdf[g] >= p) {
        return tau[g - 1] + (tau[g] - tau[g - 1]) * (p - cdf[g - 1]) / (cdf[g] - cdf[g - 1]);
      }
    }
    return tau[GRID - 1];
  }

  /** The posterior mean of mu: sum_g p_g mu_hat(tau_g). */
  public double muMean() {
    double m = 0;
    for (int g = 0; g < GRID; g++) {
      m += prob[g] * muHat[g];
    }
    return m;
  }

  /** The posterior predictive of theta_new: the tau-mixture of N(mu_hat(tau), var_mu(tau) + tau^2). */
  public NormalMixture predictive() {
    return contrast(0, new double[a[0].length], 0);
  }

  /**
   * The posterior predictive of {@code theta_new - b_R} for a regime term R estimated with
   * {@code bR}, variance {@code varR} and covariance {@code covWR} with the waiver estimates:
   * given tau, mean {@code mu_hat - b_R} and variance
   * {@code var_mu + tau^2 + varR - 2 a(tau)'covWR}. {@code varR = 0} and {@code covWR = 0}
   * give {@link #predictive()}.
   */
  public NormalMixture contrast(double bR, double[] covWR, double varR) {
    double[] mean = new double[GRID];
    double[] sd = new double[GRID];
    for (int g = 0; g < GRID; g++) {
      double c = 0;
      for (int i = 0; i < covWR.length; i++) {
        c += a[g][i] * covWR[i];
      }
      mean[g] = muHat[g] - bR;
      sd[g] = Math.sqrt(Math.max(0, varMu[g] + tau[g] * tau[g] + varR - 2 * c));
    }
    return new NormalMixture(prob, mean, sd);
  }

  /** The GLS weights a(tau) = W1 / 1'W1 at grid point {@code g} (a copy). */
  public double[] weights(int g) {
    return a[g].clone();
  }

  /** Grid values and their posterior probabilities (copies), for draws and tests. */
  public double[] grid() {
    return tau.clone();
  }

  public double[] probabilities() {
    return prob.clone();
  }
}
