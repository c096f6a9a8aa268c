package org.visawaiver.impact.scenario;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.math3.random.RandomGenerator;
import org.visawaiver.impact.config.InputException;
import org.visawaiver.impact.estimate.result.ModelResult;
import org.visawaiver.impact.scenario.transfer.NormalMixture;
import org.visawaiver.impact.scenario.transfer.RegimeTerm;
import org.visawaiver.impact.scenario.transfer.TauPosterior;
import org.visawaiver.impact.scenario.transfer.TransferEffect;
import org.visawaiver.impact.domain.PanelColumns;
import org.visawaiver.impact.domain.ReferenceStay;
import org.visawaiver.impact.domain.WaiverTerms;

/**
 * Monte Carlo draws of the waiver effect: the borrowed waiver coefficient {@code theta} (one
 * destination's, the pooled mean, or a new destination's predictive draw) drawn jointly with the
 * model's stay and regime terms, so that an origin's proportional effect is
 * {@code exp(theta + b_stay x ln(stay / 30) - b_R) - 1} with R its regime before the waiver.
 *
 * <p>The terms drawn depend only on the model and the effect source, never on a scenario's
 * origins, so every scenario with the same {@code effect-from} gets the same draws (common random
 * numbers).
 */
final class EffectSampler {
  static final String STAY_TERM = PanelColumns.STAY_LOG;

  /**
   * The draws of {@code theta} and of the other terms, per draw, and the label of the source.
   *
   * @param theta the borrowed waiver coefficient per draw (log points)
   * @param others the other drawn terms (stay_log, regime shares present in the model), per draw
   * @param label the {@code effect_source} text before any regime note
   * @param fixed true for an analyst's number: no stay or regime adjustment
   */
  record EffectDraws(double[] theta, Map<String, double[]> others, String label, boolean fixed) {
    /** The proportional effect per draw for an origin whose regime before the waiver is {@code regime}. */
    double[] effect(RegimeTerm regime, int stayDays) {
      double[] out = new double[theta.length];
      if (regime == RegimeTerm.VISA_FREE && !fixed) {
        return out; // already visa-free: a waiver changes nothing
      }
      double[] stay = fixed ? null : others.get(STAY_TERM);
      double logStay = ReferenceStay.logRatio(stayDays);
      double[] from = fixed ? null : regime.term().map(others::get).orElse(null);
      for (int d = 0; d < out.length; d++) {
        double b = theta[d];
        if (stay != null && stayDays != ReferenceStay.DAYS) {
          b += stay[d] * logStay;
        }
        if (from != null) {
          b -= from[d];
        }
        out[d] = Math.expm1(b);
      }
      return out;
    }

    /** The effect_source text for an origin with this regime and stay. */
    String label(RegimeTerm regime, int stayDays) {
      if (fixed) {
        return label;
      }
      String s = label;
      if (regime == RegimeTerm.VISA_FREE) {
        return s + ", origin already visa_free: no effect";
      }
      if (regime.term().isPresent()) {
        s += others.containsKey(regime.term().get())
            ? ", from " + regime.label() + " (- " + regime.term().get() + ")"
            : ", from " + regime.label() + " (model has no " + regime.term().get() + ": as visa_required)";
      }
      if (stayDays != 30) {
        s += ", stay " + stayDays + " days";
      }
      return s;
    }
  }

  private EffectSampler() {}

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
      if (model.indexOf(WaiverTerms.of(destination)) < 0) {
        throw new InputException("estimates: model " + model.model() + " has no term " + WaiverTerms.of(destination)
            + ", which " + at + " needs (terms: " + model.terms() + "); use waiver_by(" + destination
            + ", ...) in the model formula or another effect-from; no scenarios were projected");
      }
    }
    if (spec.effect() instanceof EffectSource.Predictive && pooledOver.size() < 2) {
      throw new InputException("configuration scenario.pooled-over = " + pooledOver + ": " + at + " summarises"
          + " at least two destinations' waiver effects; list two or more, or use effect-from = "
          + (pooledOver.isEmpty() ? "VNM" : pooledOver.get(0)) + "; no scenarios were projected");
    }
    if (spec.stayDays() != ReferenceStay.DAYS && model.indexOf(STAY_TERM) < 0) {
      throw new InputException("estimates: model " + model.model() + " has no term " + STAY_TERM + ", which "
          + at + " needs for stay-days = " + spec.stayDays() + "; add stay_log to the formula or use"
          + " stay-days = " + ReferenceStay.DAYS + "; no scenarios were projected");
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
      int t = model.indexOf(WaiverTerms.of(destinations.get(i)));
      w[i] = 1.0 / positiveVariance(model, destinations.get(i), v[t][t], "inverse-variance pooling");
      total += w[i];
    }
    for (int i = 0; i < w.length; i++) {
      w[i] /= total;
    }
    return w;
  }

  private static double positiveVariance(ModelResult model, String destination, double variance, String what) {
    if (!(variance > 0) || !Double.isFinite(variance)) {
      throw new InputException("estimates: model " + model.model() + " gives " + WaiverTerms.of(destination)
          + " the variance " + variance + "; " + what + " needs positive variances; use"
          + " effect-from = " + destination + " or a number; no scenarios were projected");
    }
    return variance;
  }

  /** The terms besides the waiver drawn with it: stay_log and the regime shares the model has. */
  static List<String> otherTerms(ModelResult model) {
    List<String> terms = new ArrayList<>();
    if (model.indexOf(STAY_TERM) >= 0) {
      terms.add(STAY_TERM);
    }
    for (RegimeTerm r : RegimeTerm.values()) {
      r.term().filter(t -> model.indexOf(t) >= 0).ifPresent(terms::add);
    }
    return terms;
  }

  /**
   * The draws of {@code source}; consumes random numbers only for estimated effects, draw by draw
   * (so the first n draws are the same for any number of draws).
   */
  static EffectDraws draw(
      EffectSource source, int draws, ModelResult model, List<String> pooledOver, RandomGenerator rng) {
    return draw(source, draws, model, pooledOver, TauPosterior.DEFAULT_SCALE, rng);
  }

  /**
   * As above; {@code effect-from = predictive} draws tau from its posterior under a half-normal
   * prior with scale {@code tauPriorScale} ({@link TauPosterior}), then {@code theta_new} jointly
   * with the other terms from the normal given that tau.
   */
  static EffectDraws draw(
      EffectSource source, int draws, ModelResult model, List<String> pooledOver, double tauPriorScale,
      RandomGenerator rng) {
    if (source instanceof EffectSource.Fixed f) {
      double[] theta = new double[draws];
      Arrays.fill(theta, f.logPoints());
      return new EffectDraws(theta, Map.of(), f.label(), true);
    }
    List<String> others = otherTerms(model);
    if (source instanceof EffectSource.Predictive) {
      TransferEffect t;
      try {
        t = TransferEffect.of(model, pooledOver);
      } catch (IllegalArgumentException e) {
        throw new InputException("estimates: " + e.getMessage() + "; effect-from = predictive cannot summarise"
            + " the waiver effects of " + pooledOver + "; use effect-from = VNM or a number; no scenarios were"
            + " projected", e);
      }
      return predictive(t, model, others, tauPriorScale, draws, rng);
    }
    double[] weights;
    String label;
    List<String> waiverDestinations;
    if (source instanceof EffectSource.Borrowed b) {
      waiverDestinations = List.of(b.destination());
      weights = new double[] {1.0};
      label = model.model() + " " + WaiverTerms.of(b.destination());
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
    waiverDestinations.forEach(d -> terms.add(WaiverTerms.of(d)));
    terms.addAll(others);
    double[] b = model.coefficients();
    double[][] v = model.vcov();
    double[] mean = new double[terms.size()];
    double[][] cov = new double[terms.size()][terms.size()];
    for (int i = 0; i < terms.size(); i++) {
      int ti = model.indexOf(terms.get(i));
      mean[i] = b[ti];
      for (int k = 0; k < terms.size(); k++) {
        cov[i][k] = v[ti][model.indexOf(terms.get(k))];
      }
    }
    double[][] beta = sampler(model, terms, mean, cov).draw(draws, rng);
    double[] theta = new double[draws];
    for (int d = 0; d < draws; d++) {
      double x = 0;
      for (int i = 0; i < weights.length; i++) {
        x += weights[i] * beta[i][d];
      }
      theta[d] = x;
    }
    Map<String, double[]> drawn = new LinkedHashMap<>();
    for (int i = 0; i < others.size(); i++) {
      drawn.put(others.get(i), beta[weights.length + i]);
    }
    return new EffectDraws(theta, drawn, label, false);
  }

  /**
   * The predictive draws: per draw, tau from its grid posterior (one uniform, inverse cdf), then
   * {@code [theta_new, others]} from the joint normal given tau (TransferEffect.joint with the GLS
   * weights a(tau)); draw by draw, so the first n draws are the same for any number of draws.
   */
  private static EffectDraws predictive(
      TransferEffect t, ModelResult model, List<String> others, double tauPriorScale, int draws,
      RandomGenerator rng) {
    TauPosterior posterior;
    try {
      posterior = t.posterior(tauPriorScale);
    } catch (IllegalArgumentException e) {
      throw new InputException("estimates: model " + model.model() + ": " + e.getMessage() + "; effect-from ="
          + " predictive cannot integrate over tau; use effect-from = pooled or a number; no scenarios were"
          + " projected", e);
    }
    double[] grid = posterior.grid();
    double[] cumulative = posterior.probabilities();
    for (int g = 1; g < cumulative.length; g++) {
      cumulative[g] += cumulative[g - 1];
    }
    List<String> names = new ArrayList<>(List.of("theta_new"));
    names.addAll(others);
    JointNormalSampler[] samplers = new JointNormalSampler[grid.length];
    double[] theta = new double[draws];
    double[][] other = new double[others.size()][draws];
    for (int d = 0; d < draws; d++) {
      double u = rng.nextDouble();
      int g = Arrays.binarySearch(cumulative, u);
      g = Math.min(grid.length - 1, g >= 0 ? g : -g - 1);
      if (samplers[g] == null) {
        TransferEffect.Joint j = t.joint(others, posterior.weights(g), grid[g] * grid[g]);
        samplers[g] = sampler(model, names, j.mean(), j.cov());
      }
      double[][] x = samplers[g].draw(1, rng);
      theta[d] = x[0][0];
      for (int i = 0; i < others.size(); i++) {
        other[i][d] = x[i + 1][0];
      }
    }
    Map<String, double[]> drawn = new LinkedHashMap<>();
    for (int i = 0; i < others.size(); i++) {
      drawn.put(others.get(i), other[i]);
    }
    NormalMixture pred = posterior.predictive();
    String label = String.format(Locale.ROOT,
        "%s predictive (Bayesian random effects over %s, tau ~ half-normal(%s): tau median %.4f, mu %.4f,"
            + " sd %.4f)",
        model.model(), String.join(" ", t.destinations()), tauPriorScale, posterior.tauQuantile(0.5), pred.mean(),
        pred.sd());
    return new EffectDraws(theta, drawn, label, false);
  }

  private static JointNormalSampler sampler(ModelResult model, List<String> terms, double[] mean, double[][] cov) {
    try {
      return new JointNormalSampler(mean, cov);
    } catch (IllegalArgumentException e) {
      throw new InputException("estimates: model " + model.model() + ", terms " + terms + ": " + e.getMessage()
          + "; the effects cannot be drawn; no scenarios were projected", e);
    }
  }
}
