package org.visawaiver.impact.domain;

/**
 * The reference visa-free stay: {@code stay_log} is the log of the allowed stay over 30 days, so a
 * 30-day waiver has {@code stay_log = 0} and its effect is the waiver coefficient alone; a longer
 * stay adds the {@code stay_log} coefficient times {@link #logRatio}.
 */
public final class ReferenceStay {
  /** The reference stay in days. */
  public static final int DAYS = 30;

  private ReferenceStay() {}

  /** {@code log(stayDays / 30)}: the stay term of a visa-free entry of {@code stayDays} days. */
  public static double logRatio(double stayDays) {
    return Math.log(stayDays / DAYS);
  }
}
