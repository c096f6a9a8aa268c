package org.visawaiver.impact.scenario;

import java.util.regex.Pattern;
import org.visawaiver.impact.config.InputException;
import org.visawaiver.impact.domain.WaiverTerms;

/**
 * Which waiver effect a scenario borrows: the predictive effect of a new destination from a
 * random-effects summary of the compared destinations ({@code predictive}, the default), the
 * estimated waiver coefficient of one destination ({@code VNM}), the inverse-variance weighted mean
 * of the compared destinations ({@code pooled}), or a fixed effect in log points ({@code 0.25}).
 */
public sealed interface EffectSource {
  /** The value written in the {@code effect_source} column (model name added by the sampler). */
  String label();

  /** The estimated coefficient {@code waiver:<destination>}. */
  record Borrowed(String destination) implements EffectSource {
    @Override
    public String label() {
      return WaiverTerms.of(destination);
    }
  }

  /**
   * A new destination's effect: DerSimonian-Laird random-effects summary of the compared
   * destinations, drawn from its predictive normal N(mu, se_mu^2 + tau2).
   */
  record Predictive() implements EffectSource {
    @Override
    public String label() {
      return "predictive";
    }
  }

  /** Inverse-variance weighted mean of the waiver coefficients of the pooled destinations. */
  record Pooled() implements EffectSource {
    @Override
    public String label() {
      return "pooled";
    }
  }

  /** A fixed log-point effect, no uncertainty, no stay adjustment. */
  record Fixed(double logPoints) implements EffectSource {
    @Override
    public String label() {
      return "fixed " + logPoints + " log points";
    }
  }

  Pattern DESTINATION = Pattern.compile("[A-Z]{3}");
  Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

  /**
   * Parses a configured {@code effect-from}; {@code where} names the setting for the message.
   *
   * @throws InputException for anything but a three-letter destination code, pooled or a number
   */
  static EffectSource parse(String value, String where) {
    String v = value == null ? "" : value.trim();
    if (v.equalsIgnoreCase("predictive")) {
      return new Predictive();
    }
    if (v.equalsIgnoreCase("pooled")) {
      return new Pooled();
    }
    if (DESTINATION.matcher(v).matches()) {
      return new Borrowed(v);
    }
    if (NUMBER.matcher(v).matches()) {
      double d = Double.parseDouble(v);
      if (Double.isFinite(d)) {
        return new Fixed(d);
      }
    }
    throw new InputException(
        "configuration " + where + ": effect-from \"" + value + "\" is not a destination whose waiver"
            + " effect was estimated (VNM, THA, LAO), predictive, pooled, or a number of log points (e.g. 0.25);"
            + " no scenarios were projected");
  }
}
