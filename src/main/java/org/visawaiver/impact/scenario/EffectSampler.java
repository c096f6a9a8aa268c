package org.visawaiver.impact.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.random.RandomGenerator;
import org.visawaiver.impact.config.InputException;
import org.visawaiver.impact.estimate.result.ModelResult;

/**
 * Monte Carlo draws of a scenario's proportional effect on arrivals,
 * {@code exp(b_waiver + b_stay x ln(stay / 30)) - 1}, with the coefficients it needs drawn jointly
 * from the normal approximation of the estimates (their covariance submatrix).
 */
final class EffectSampler {
  static final String STAY_TERM = "stay_log";

  /**
   * The draws and the text of the {@code effect_source} column.
   *
   * @param effect proportional effect per draw (0.25 = +25%), before ramp-up
   */
  record EffectDraws(double[] effect, String label) {}

  private EffectSampler() {}

  static String waiverTerm(String destination) {
    return "waiver:" + destination;
  }

  /** Fails early (before any forecast) when the model lacks a term the scenario borrows. */
  static void check(ScenarioSpec spec, ModelResult model, List<String> pooledOver) {
    if (spec.effect() instanceof EffectSource.Fixed) {
      return;
    }
    String at = "scenario " + spec.name() + " (effect-from = " + spec.effect().label() + ")";
    if (model == null) {
      throw new InputException("estimates: no model was fitted, but " + at + " borrows an estimated effect;"
          + " configure estimate.models or give effect-from as a number; no scenarios were projected");
    }
    List<String> needed =
        spec.effect() instanceof EffectSource.Borrowed b ? List.of(b.destination()) : pooledOver;
    for (String destination : needed) {
      if (model.indexOf(waiverTerm(destination)) < 0) {
        throw new InputException("estimates: model " + model.model() + " has no term " + waiverTerm(destination)
            + ", which " + at + " needs (terms: " + model.terms() + "); use waiver_by(" + destination
            + ", ...) in the model formula or another effect-from; no scenarios were projected");
      }
    }
    if (spec.stayDays() != 30 && model.indexOf(STAY_TERM) < 0) {
      throw new InputException("estimates: model " + model.model() + " has no term " + STAY_TERM + ", which "
          + at + " needs for stay-days = " + spec.stayDays() + "; add stay_log to the formula or use"
          + " stay-days = 30; no scenarios were projected");
    }
  }

  /**
   * Inverse-variance weights of the pooled waiver coefficients, from their point variances
   * (diagonal of the covariance), summing to 1, in the order of {@code destinations}.
   */
  static double[] pooledWeights(ModelResult model, List<String> destinations) {
    double[][] v = model.vcov();
    double[] w = new double[destinations.size()];
    double total = 0;
    for (int i = 0; i < w.length; i++) {
      double variance = v[model.indexOf(waiverTerm(destinations.get(i)))][model.indexOf(waiverTerm(destinations.get(i)))];
      if (!(variance > 0) || !Double.isFinite(variance)) {
        throw new InputException("estimates: model " + model.model() + " gives " + waiverTerm(destinations.get(i))
            + " the variance " + variance + "; inverse-variance pooling needs positive variances; use"
            + " effect-from = " + destinations.get(i) + " or a number; no scenarios were projected");
      }
      w[i] = 1.0 / variance;
      total += w[i];
    }
    for (int i = 0; i < w.length; i++) {
      w[i] /= total;
    }
    return w;
  }

  /** The effect draws of {@code spec}; consumes random numbers only for estimated effects. */
  static EffectDraws draw(ScenarioSpec spec, ModelResult model, List<String> pooledOver, RandomGenerator rng) {
    int draws = spec.draws();
    double[] effect = new double[draws];
    if (spec.effect() instanceof EffectSource.Fixed f) {
      java.util.Arrays.fill(effect, Math.expm1(f.logPoints()));
      return new EffectDraws(effect, f.label());
    }
    check(spec, model, pooledOver);
    List<String> waiverDestinations;
    double[] weights;
    String label;
    if (spec.effect() instanceof EffectSource.Borrowed b) {
      waiverDestinations = List.of(b.destination());
      weights = new double[] {1.0};
      label = model.model() + " " + waiverTerm(b.destination());
    } else {
      waiverDestinations = pooledOver;
      weights = pooledWeights(model, pooledOver);
      List<String> parts = new ArrayList<>();
      for (int i = 0; i < weights.length; i++) {
        parts.add(pooledOver.get(i) + " " + String.format(Locale.ROOT, "%.3f", weights[i]));
      }
      label = model.model() + " pooled (" + String.join(", ", parts) + ")";
    }
    List<String> terms = new ArrayList<>();
    waiverDestinations.forEach(d -> terms.add(waiverTerm(d)));
    boolean hasStay = model.indexOf(STAY_TERM) >= 0;
    if (hasStay) {
      terms.add(STAY_TERM);
    }
    double[][] beta = sampler(model, terms).draw(draws, rng);
    double logStay = Math.log(spec.stayDays() / 30.0);
    for (int d = 0; d < draws; d++) {
      double b = 0;
      for (int i = 0; i < weights.length; i++) {
        b += weights[i] * beta[i][d];
      }
      double stay = hasStay ? beta[weights.length][d] * logStay : 0;
      effect[d] = Math.expm1(b + stay);
    }
    if (spec.stayDays() != 30) {
      label += ", stay " + spec.stayDays() + " days";
    }
    return new EffectDraws(effect, label);
  }

  /** The joint normal of the listed terms: their estimates and covariance submatrix. */
  static JointNormalSampler sampler(ModelResult model, List<String> terms) {
    double[] b = model.coefficients();
    double[][] v = model.vcov();
    int k = terms.size();
    double[] mean = new double[k];
    double[][] cov = new double[k][k];
    for (int i = 0; i < k; i++) {
      int ti = model.indexOf(terms.get(i));
      mean[i] = b[ti];
      for (int j = 0; j < k; j++) {
        cov[i][j] = v[ti][model.indexOf(terms.get(j))];
      }
    }
    try {
      return new JointNormalSampler(mean, cov);
    } catch (IllegalArgumentException e) {
      throw new InputException("estimates: model " + model.model() + ", terms " + terms + ": " + e.getMessage()
          + "; the effects cannot be drawn; no scenarios were projected", e);
    }
  }
}
