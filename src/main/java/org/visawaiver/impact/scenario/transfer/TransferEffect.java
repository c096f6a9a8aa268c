package org.visawaiver.impact.scenario.transfer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import org.visawaiver.impact.estimate.result.ModelResult;
import org.visawaiver.impact.domain.WaiverTerms;
import org.visawaiver.impact.estimate.result.RegimeContrast;

/**
 * The waiver effect of a new destination (Cambodia) treated as a draw from the population of the
 * compared destinations: a DerSimonian-Laird summary of their {@code waiver:<D>} coefficients
 * (point estimates and the diagonal of the model's covariance) and the predictive normal of
 * {@code theta_new}, jointly with any other model terms a scenario needs (stay, regime shares).
 *
 * <p>With {@code a} the random-effects weights, {@code b_w} the waiver coefficients and {@code V}
 * the model's covariance, {@code mu = a' b_w} and
 *
 * <pre>
 *   Var(theta_new) = tau2 + a' V_ww a + tau2 a'a        (= se_mu^2 + tau2 when V_ww is diagonal)
 *   Cov(theta_new, b_j) = a' V_wj                       (other terms j: stay_log, evisa_share, ...)
 * </pre>
 *
 * the first because {@code b_k = theta_k + e_k} with {@code theta_k ~ N(mu, tau2)} independent and
 * {@code e ~ N(0, V_ww)}: {@code theta_new - a' b_w} has variance {@code tau2 + tau2 a'a + a' V_ww a}.
 * The model's covariance between the waiver estimates enters only through the second term.
 *
 * @param model the model's name
 * @param destinations the compared destinations, in order
 * @param summary the DerSimonian-Laird summary of their waiver coefficients
 * @param fit the model the coefficients come from
 */
public record TransferEffect(String model, List<String> destinations, RandomEffectsSummary summary, ModelResult fit) {
  public TransferEffect {
    destinations = List.copyOf(destinations);
  }

  /**
   * The summary of {@code destinations}' waiver effects in {@code fit}.
   *
   * @throws IllegalArgumentException when a destination has no waiver term in the model or a
   *     variance is not positive (the message names the model and the term)
   */
  public static TransferEffect of(ModelResult fit, List<String> destinations) {
    double[] b = fit.coefficients();
    double[][] v = fit.vcov();
    double[] y = new double[destinations.size()];
    double[] var = new double[destinations.size()];
    for (int i = 0; i < y.length; i++) {
      int t = fit.indexOf(WaiverTerms.of(destinations.get(i)));
      if (t < 0) {
        throw new IllegalArgumentException("model " + fit.model() + " has no term " + WaiverTerms.of(destinations.get(i))
            + " (terms: " + fit.terms() + ")");
      }
      y[i] = b[t];
      var[i] = v[t][t];
      if (!(var[i] > 0) || !Double.isFinite(var[i])) {
        throw new IllegalArgumentException("model " + fit.model() + " gives " + WaiverTerms.of(destinations.get(i))
            + " the variance " + var[i] + "; a random-effects summary needs positive variances");
      }
    }
    return new TransferEffect(fit.model(), destinations, RandomEffectsSummary.derSimonianLaird(y, var), fit);
  }

  /** Mean and covariance of {@code [theta_new, b_j for j in others]} (see the class comment). */
  public Joint joint(List<String> others) {
    return joint(others, summary.weights(), summary.tau2());
  }

  /**
   * As {@link #joint(List)} for a given between-destination variance {@code tau2} and weights
   * {@code a} of the waiver estimates (the GLS weights a(tau) of {@link TauPosterior}):
   * {@code theta_new} has mean {@code a'b_w} and variance {@code tau2 + a'V_ww a + tau2 a'a}.
   */
  public Joint joint(List<String> others, double[] a, double tau2) {
    int[] w = waiverIndices();
    double[] b = fit.coefficients();
    double[][] v = fit.vcov();
    int k = others.size() + 1;
    double[] mean = new double[k];
    double[][] cov = new double[k][k];
    double aa = 0;
    double ava = 0;
    for (int i = 0; i < a.length; i++) {
      aa += a[i] * a[i];
      for (int j = 0; j < a.length; j++) {
        ava += a[i] * v[w[i]][w[j]] * a[j];
      }
    }
    double mu = 0;
    for (int i = 0; i < a.length; i++) {
      mu += a[i] * b[w[i]];
    }
    mean[0] = mu;
    cov[0][0] = tau2 + ava + tau2 * aa;
    List<Integer> idx = new ArrayList<>();
    for (String t : others) {
      int j = fit.indexOf(t);
      if (j < 0) {
        throw new IllegalArgumentException("model " + fit.model() + " has no term " + t);
      }
      idx.add(j);
    }
    for (int p = 0; p < idx.size(); p++) {
      int j = idx.get(p);
      mean[p + 1] = b[j];
      double c = 0;
      for (int i = 0; i < a.length; i++) {
        c += a[i] * v[w[i]][j];
      }
      cov[0][p + 1] = cov[p + 1][0] = c;
      for (int q = 0; q < idx.size(); q++) {
        cov[p + 1][q + 1] = v[j][idx.get(q)];
      }
    }
    return new Joint(mean, cov);
  }

  /**
   * The predictive normal of the effect of going from {@code regime} to visa-free in a new
   * destination: {@code theta_new - b_R} (just {@code theta_new} when R has no term or the model
   * lacks it). Mean and standard deviation in log points: the fixed-weight contrast
   * {@code a'b_w - b_R} of {@link RegimeContrast} (variance {@code a'V_ww a + V_RR - 2 a'V_wR}) plus
   * the between-destination variance {@code tau2 (1 + a'a)}.
   */
  public double[] contrast(RegimeTerm regime) {
    double[] a = summary.weights();
    Map<String, Double> weights = new LinkedHashMap<>();
    double aa = 0;
    for (int i = 0; i < a.length; i++) {
      weights.put(WaiverTerms.of(destinations.get(i)), a[i]);
      aa += a[i] * a[i];
    }
    String from = regime.term().filter(t -> fit.indexOf(t) >= 0).isPresent()
        ? regime.label()
        : RegimeTerm.VISA_REQUIRED.label();
    RegimeContrast c =
        RegimeContrast.of(fit, "predictive", weights, from)
            .orElseThrow(() -> new IllegalStateException("model " + fit.model() + ": no contrast from " + from));
    double var = c.stdError() * c.stdError() + summary.tau2() * (1 + aa);
    return new double[] {c.estimate(), Math.sqrt(var)};
  }

  /**
   * The Bayesian posterior of tau (half-normal prior with scale {@code tauPriorScale}, flat prior
   * on mu) from the waiver estimates and their full covariance V_ww; see {@link TauPosterior}.
   */
  public TauPosterior posterior(double tauPriorScale) {
    int[] w = waiverIndices();
    double[] b = fit.coefficients();
    double[][] v = fit.vcov();
    double[] y = new double[w.length];
    double[][] vww = new double[w.length][w.length];
    for (int i = 0; i < w.length; i++) {
      y[i] = b[w[i]];
      for (int j = 0; j < w.length; j++) {
        vww[i][j] = v[w[i]][w[j]];
      }
    }
    return TauPosterior.of(y, vww, tauPriorScale);
  }

  /**
   * The posterior predictive of the effect of going from {@code regime} to visa-free in a new
   * destination, {@code theta_new - b_R}, integrated over tau (just theta_new when R has no term
   * or the model lacks it): given tau, mean {@code mu_hat(tau) - b_R} and variance
   * {@code var_mu(tau) + tau^2 + V_RR - 2 a(tau)'V_wR}.
   */
  public NormalMixture predictive(TauPosterior posterior, RegimeTerm regime) {
    int r = regime.term().map(fit::indexOf).orElse(-1);
    if (r < 0) {
      return posterior.predictive();
    }
    int[] w = waiverIndices();
    double[][] v = fit.vcov();
    double[] cov = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      cov[i] = v[w[i]][r];
    }
    return posterior.contrast(fit.coefficients()[r], cov, v[r][r]);
  }

  private int[] waiverIndices() {
    int[] w = new int[destinations.size()];
    for (int i = 0; i < w.length; i++) {
      w[i] = fit.indexOf(WaiverTerms.of(destinations.get(i)));
    }
    return w;
  }

  /** A mean vector and covariance matrix (not copied: values built for one use). */
  public record Joint(double[] mean, double[][] cov) {}
}
