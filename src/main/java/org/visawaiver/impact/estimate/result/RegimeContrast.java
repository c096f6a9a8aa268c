package org.visawaiver.impact.estimate.result;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.visawaiver.impact.domain.PanelColumns;

/**
 * The effect of going from one entry regime to visa-free (CONTRACT.md v2, "The model"): with the
 * regime shares in the model every waiver slope is relative to {@code visa_required}, so the move
 * from regime R is {@code b_waiver - b_R_share}, and its variance
 * {@code V_ww + V_RR - 2 V_wR} comes from the model's covariance. From {@code visa_required} the
 * contrast is the waiver slope itself. Immutable; needs no Spark.
 *
 * <p>The waiver side may be one slope ({@code waiver:VNM}) or a fixed linear combination of slopes
 * (a pooled effect, weights w): then the estimate is {@code w'b - b_R} and the variance
 * {@code w'Vw + V_RR - 2 w'V_R}.
 *
 * @param destination whose waiver effect this is (or a label such as {@code pooled})
 * @param fromRegime visa_required, evisa or visa_on_arrival
 * @param estimate log points
 * @param stdError from the covariance as above
 */
public record RegimeContrast(String destination, String fromRegime, double estimate, double stdError) {
  /** The regimes a waiver can replace, in the order they are reported. */
  public static final List<String> FROM_REGIMES = List.of("visa_required", "evisa", "visa_on_arrival");

  /**
   * The panel column (and model term) of a regime's day share, or null for visa_required, the
   * reference regime without a term.
   */
  public static String shareTerm(String regime) {
    return switch (regime) {
      case "visa_required" -> null;
      case "evisa" -> PanelColumns.EVISA_SHARE;
      case "visa_on_arrival" -> PanelColumns.VOA_SHARE;
      default -> throw new IllegalArgumentException("regime \"" + regime + "\" has no contrast to visa-free; "
          + "expected one of " + FROM_REGIMES);
    };
  }

  /**
   * The contrast of one waiver slope ({@code waiverTerm}, e.g. {@code waiver:VNM}) against
   * {@code fromRegime}; empty when the model has no such slope or no share term of that regime
   * (not in the formula, or dropped as collinear): the contrast is then not identified.
   */
  public static Optional<RegimeContrast> of(ModelResult model, String destination, String waiverTerm,
      String fromRegime) {
    return of(model, destination, Map.of(waiverTerm, 1.0), fromRegime);
  }

  /**
   * The contrast of the combination {@code sum w_t b_t} of waiver slopes ({@code weights}: term ->
   * w) against {@code fromRegime}; empty when a weighted term or the regime's share term is missing.
   */
  public static Optional<RegimeContrast> of(ModelResult model, String destination, Map<String, Double> weights,
      String fromRegime) {
    double[] w = new double[model.terms().size()];
    for (Map.Entry<String, Double> e : new LinkedHashMap<>(weights).entrySet()) {
      int i = model.indexOf(e.getKey());
      if (i < 0) {
        return Optional.empty();
      }
      w[i] += e.getValue();
    }
    String share = shareTerm(fromRegime);
    int r = share == null ? -1 : model.indexOf(share);
    if (share != null && r < 0) {
      return Optional.empty();
    }
    double[] b = model.coefficients();
    double[][] v = model.vcov();
    double estimate = 0;
    double variance = 0;
    for (int i = 0; i < w.length; i++) {
      estimate += w[i] * b[i];
      for (int j = 0; j < w.length; j++) {
        variance += w[i] * v[i][j] * w[j];
      }
    }
    if (r >= 0) {
      estimate -= b[r];
      double cross = 0;
      for (int i = 0; i < w.length; i++) {
        cross += w[i] * v[i][r];
      }
      variance += v[r][r] - 2 * cross;
    }
    return Optional.of(new RegimeContrast(destination, fromRegime, estimate, Math.sqrt(Math.max(variance, 0))));
  }

  /** Lower end of the interval for a critical value (1.96 for a normal 95% interval). */
  public double ciLow(double critical) {
    return estimate - critical * stdError;
  }

  public double ciHigh(double critical) {
    return estimate + critical * stdError;
  }

  /** 100 (exp(estimate) - 1): the percent change in arrivals. */
  public double effectPct() {
    return 100 * Math.expm1(estimate);
  }
}
