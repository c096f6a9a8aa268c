package org.visawaiver.impact.domain;

/**
 * Names of the waiver coefficients: {@code waiver_by(VNM, THA)} in a formula gives one slope on
 * {@link PanelColumns#WAIVER_SHARE} per listed destination, named {@code waiver:VNM},
 * {@code waiver:THA}, and one for all other destinations together, {@code waiver:other}. Estimates,
 * the event study and the scenarios find the coefficients by these names.
 */
public final class WaiverTerms {
  /** The prefix of every waiver coefficient's name. */
  public static final String PREFIX = "waiver:";
  /** The pseudo-destination of the slope shared by the destinations not listed. */
  public static final String OTHER = "other";

  private WaiverTerms() {}

  /** The coefficient of one destination's waiver slope, e.g. {@code waiver:VNM}. */
  public static String of(String destination) {
    return PREFIX + destination;
  }
}
