package org.visawaiver.impact.scenario.transfer;

import java.util.Locale;
import java.util.Optional;
import org.visawaiver.impact.estimate.result.RegimeContrast;

/**
 * The entry regimes of visa_policy.csv and the model term (panel column) that measures each one
 * against {@code visa_required}: the effect of a waiver for an origin whose regime is R is
 * {@code b_waiver - b_R} (contract v2); visa_required has no term (the reference).
 */
public enum RegimeTerm {
  VISA_REQUIRED,
  EVISA,
  VISA_ON_ARRIVAL,
  VISA_FREE;

  /**
   * The model term of this regime's share of days ({@link RegimeContrast#shareTerm}), empty for
   * visa_required (the reference) and visa_free (nothing to replace).
   */
  public Optional<String> term() {
    return this == VISA_FREE ? Optional.empty() : Optional.ofNullable(RegimeContrast.shareTerm(label()));
  }

  /** The name used in visa_policy.csv, e.g. {@code visa_on_arrival}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The regime of a visa_policy.csv {@code regime} cell.
   *
   * @throws IllegalArgumentException for anything else (validation has already rejected it)
   */
  public static RegimeTerm of(String regime) {
    return valueOf(regime.trim().toUpperCase(Locale.ROOT));
  }
}
