package org.visawaiver.impact.domain;

import java.util.List;

/**
 * The monthly panel's column names (CONTRACT.md, {@code panel.csv}), in output order. The panel
 * builder writes them; the event study, the scenario baseline and the {@code waiver_by} expansion of
 * a formula read them. The estimator itself names no column: formulas do.
 */
public final class PanelColumns {
  public static final String DESTINATION = "destination";
  public static final String ORIGIN = "origin";
  public static final String MONTH = "month";
  public static final String ARRIVALS = "arrivals";
  public static final String SOURCE = "source";
  /** Share of the month's days on which the origin's nationals entered visa-free. */
  public static final String WAIVER_SHARE = "waiver_share";
  /** Day-weighted log of the visa-free stay over the {@link ReferenceStay reference stay}. */
  public static final String STAY_LOG = "stay_log";
  public static final String VISA_FEE_USD = "visa_fee_usd";
  public static final String ADVISORY_LEVEL = "advisory_level";
  public static final String EVISA_SHARE = "evisa_share";
  public static final String VOA_SHARE = "voa_share";
  public static final String ADVISORY_NATIONAL_LEVEL = "advisory_national_level";
  public static final String ADVISORY_REGIONAL_LEVEL = "advisory_regional_level";

  /** All columns, in the order the panel is written. */
  public static final List<String> ALL = List.of(DESTINATION, ORIGIN, MONTH, ARRIVALS, SOURCE, WAIVER_SHARE,
      STAY_LOG, VISA_FEE_USD, ADVISORY_LEVEL, EVISA_SHARE, VOA_SHARE, ADVISORY_NATIONAL_LEVEL,
      ADVISORY_REGIONAL_LEVEL);

  private PanelColumns() {}
}
