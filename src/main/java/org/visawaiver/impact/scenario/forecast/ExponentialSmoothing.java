package org.visawaiver.impact.scenario.forecast;

import java.util.Arrays;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * Exponential smoothing with additive errors, additive (optionally damped) trend and additive
 * seasonality on ln(y): ETS(A,A,A) or ETS(A,Ad,A) of Hyndman et al. (2008) applied to logs.
 *
 * <p>State space form, with x_t = ln(y_t):
 *
 * <pre>
 *   x_t = l + phi b + s_{t-12} + e_t
 *   l_t = l_{t-1} + phi b_{t-1} + alpha e_t
 *   b_t = phi b_{t-1} + beta e_t
 *   s_t = s_{t-12} + gamma e_t
 * </pre>
 *
 * (phi = 1 without damping). alpha, beta = alpha * b', gamma = (1 - alpha) * g' with b', g' in
 * [0, 1] (the usual region 0 &lt; beta &lt; alpha, 0 &lt; gamma &lt; 1 - alpha), phi in [0.80, 0.98],
 * and the initial level and trend are estimated by maximum likelihood: with Gaussian errors the
 * concentrated log likelihood is {@code -n/2 ln(SSE/n)}, so the fit minimises the sum of squared
 * one-step errors, with BOBYQA. The initial seasonal states are those of a classical additive
 * decomposition of the first three years (summing to 0); the level and trend start from a straight
 * line through the first two deseasonalised years. (Estimating the 11 free seasonal states too was
 * tried: 10 times slower and less accurate on the tourism benchmark, MAPE 19.30 vs 19.21 for the
 * combination.)
 *
 * <p>Forecast SD of ln(y) at horizon h: {@code sigma * sqrt(1 + sum_{j=1}^{h-1} c_j^2)}, with
 * {@code c_j = alpha + beta (phi + ... + phi^j) + gamma [j mod 12 = 0]} (Hyndman et al. 2008,
 * class 1 models), sigma the {@link ErrorScale} of the one-step errors.
 */
public final class ExponentialSmoothing implements SeriesModel {
  static final double PHI_LOWER = 0.80;
  static final double PHI_UPPER = 0.98;
  private static final int M = PERIOD;
  private final boolean damped;

  private ExponentialSmoothing(boolean damped) {
    this.damped = damped;
  }

  /** ETS(A,A,A) on logs. */
  public static ExponentialSmoothing additiveTrend() {
    return new ExponentialSmoothing(false);
  }

  /** ETS(A,Ad,A) on logs. */
  public static ExponentialSmoothing dampedTrend() {
    return new ExponentialSmoothing(true);
  }

  /** Fitted smoothing parameters and final states. */
  record Fit(
      double alpha, double beta, double gamma, double phi, double level, double trend,
      double[] season, double sigma, int n) {}

  @Override
  public LogForecast forecast(double[] y, int horizon) {
    Fit fit = fit(SeriesModel.logs(y));
    int n = fit.n();
    double[] point = new double[horizon];
    double[] sd = new double[horizon];
    double sigma2 = fit.sigma() * fit.sigma();
    double phiSum = 0;
    double phiPower = 1;
    double variance = sigma2;
    for (int h = 1; h <= horizon; h++) {
      phiPower *= fit.phi();
      phiSum += phiPower;
      point[h - 1] = fit.level() + phiSum * fit.trend() + fit.season()[(n + h - 1) % M];
      sd[h - 1] = Math.sqrt(variance);
      // c_h for the next horizon's variance: alpha + beta (phi + ... + phi^h) + gamma [h mod m = 0]
      double c = fit.alpha() + fit.beta() * phiSum + (h % M == 0 ? fit.gamma() : 0);
      variance += sigma2 * c * c;
    }
    return new LogForecast(point, sd);
  }

  /** Maximum likelihood fit on the log series {@code x}. */
  Fit fit(double[] x) {
    int n = x.length;
    if (n < 2 * M) {
      throw new IllegalArgumentException(
          "exponential smoothing needs at least " + 2 * M + " months, the series has " + n);
    }
    double[] season0 = ClassicalDecomposition.additive(Arrays.copyOf(x, Math.min(n, 3 * M)));
    double[] line = initialLine(x, season0);
    int smoothing = damped ? 4 : 3;
    int dim = smoothing + 2;
    double[] start = new double[dim];
    double[] lower = new double[dim];
    double[] upper = new double[dim];
    setRange(start, lower, upper, 0, 0.2, 1e-4, 0.9999);
    setRange(start, lower, upper, 1, 0.1, 0, 1);
    setRange(start, lower, upper, 2, 0.05, 0, 1);
    if (damped) {
      setRange(start, lower, upper, 3, 0.95, PHI_LOWER, PHI_UPPER);
    }
    // Initial states as offsets from the heuristic start (logs: +-1 is a factor e).
    setRange(start, lower, upper, smoothing, 0, -1, 1);
    setRange(start, lower, upper, smoothing + 1, 0, -0.1, 0.1);
    double[] best =
        BoundedMinimizer.minimize(
            p -> run(x, p, season0, line, null, null), start, lower, upper);
    double[][] finalState = new double[1][];
    double[] errors = new double[n];
    run(x, best, season0, line, errors, finalState);
    double[] s = finalState[0];
    double alpha = best[0];
    return new Fit(
        alpha, alpha * best[1], (1 - alpha) * best[2], damped ? best[3] : 1,
        s[M], s[M + 1], Arrays.copyOf(s, M), ErrorScale.of(errors), n);
  }

  /**
   * Runs the recursions for parameters {@code p}; returns the SSE of the one-step errors. When
   * {@code out} is given, stores the final states there: seasonal states by position t % 12, then
   * level and trend.
   */
  private double run(
      double[] x, double[] p, double[] season0, double[] line, double[] errors, double[][] out) {
    int smoothing = damped ? 4 : 3;
    double alpha = p[0];
    double beta = alpha * p[1];
    double gamma = (1 - alpha) * p[2];
    double phi = damped ? p[3] : 1;
    double level = line[0] + p[smoothing];
    double trend = line[1] + p[smoothing + 1];
    double[] season = new double[M];
    System.arraycopy(season0, 0, season, 0, M);
    double sse = 0;
    for (int t = 0; t < x.length; t++) {
      double e = x[t] - (level + phi * trend + season[t % M]);
      sse += e * e;
      if (errors != null) {
        errors[t] = e;
      }
      level = level + phi * trend + alpha * e;
      trend = phi * trend + beta * e;
      season[t % M] += gamma * e;
    }
    if (out != null) {
      double[] state = Arrays.copyOf(season, M + 2);
      state[M] = level;
      state[M + 1] = trend;
      out[0] = state;
    }
    return Double.isFinite(sse) ? sse : Double.MAX_VALUE;
  }

  /** Level at t = 0 (just before the first month) and monthly trend of the deseasonalised start. */
  private static double[] initialLine(double[] x, double[] season) {
    SimpleRegression line = new SimpleRegression();
    for (int t = 0; t < Math.min(x.length, 2 * M); t++) {
      line.addData(t + 1, x[t] - season[t % M]);
    }
    return new double[] {line.getIntercept(), line.getSlope()};
  }

  private static void setRange(
      double[] start, double[] lower, double[] upper, int i, double s, double lo, double hi) {
    start[i] = s;
    lower[i] = lo;
    upper[i] = hi;
  }
}
