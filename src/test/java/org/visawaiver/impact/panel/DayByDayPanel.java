package org.visawaiver.impact.panel;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/**
 * The panel columns of one (destination, origin, month) worked out the slow way, one calendar day
 * at a time, straight from the contract's definitions: an independent yardstick for
 * {@link PanelBuilder}, which splits intervals into months instead.
 */
final class DayByDayPanel {
  /** A visa_policy row; {@code to} null = open-ended, {@code fee} null = not given. */
  record Policy(String destination, String origin, String regime, LocalDate from, LocalDate to, Integer stay,
      Double fee) {}

  /** An advisories row; {@code region} null or blank = the whole country. */
  record Advisory(String issuer, String destination, double level, LocalDate from, LocalDate to, String region) {}

  private DayByDayPanel() {}

  private static boolean inForce(LocalDate day, LocalDate from, LocalDate to) {
    return !day.isBefore(from) && (to == null || !day.isAfter(to));
  }

  /**
   * waiver_share, stay_log, visa_fee_usd, advisory_level, evisa_share, voa_share,
   * advisory_national_level, advisory_regional_level, in that order.
   */
  static double[] row(String destination, String origin, YearMonth month, List<Policy> policies,
      List<Advisory> advisories, double defaultFee) {
    double[] sums = new double[8];
    int days = month.lengthOfMonth();
    for (int d = 1; d <= days; d++) {
      LocalDate day = month.atDay(d);
      Policy today = null;
      for (Policy p : policies) {
        if (p.destination().equals(destination) && p.origin().equals(origin) && inForce(day, p.from(), p.to())) {
          today = p;
        }
      }
      String regime = today == null ? "visa_required" : today.regime();
      boolean free = regime.equals("visa_free");
      sums[0] += free ? 1 : 0;
      sums[1] += free ? Math.log(today.stay() / 30.0) : 0;
      sums[2] += today != null && today.fee() != null ? today.fee() : free ? 0 : defaultFee;
      sums[4] += regime.equals("evisa") ? 1 : 0;
      sums[5] += regime.equals("visa_on_arrival") ? 1 : 0;
      double any = 0;
      double national = 0;
      double regional = 0;
      for (Advisory a : advisories) {
        if (a.issuer().equals(origin) && a.destination().equals(destination) && inForce(day, a.from(), a.to())) {
          any = Math.max(any, a.level());
          if (a.region() == null || a.region().isBlank()) {
            national = Math.max(national, a.level());
          } else {
            regional = Math.max(regional, a.level());
          }
        }
      }
      sums[3] += any;
      sums[6] += national;
      sums[7] += regional;
    }
    for (int i = 0; i < sums.length; i++) {
      sums[i] /= days;
    }
    return sums;
  }
}
