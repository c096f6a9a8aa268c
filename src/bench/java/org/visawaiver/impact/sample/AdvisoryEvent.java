package org.visawaiver.impact.sample;

import java.time.LocalDate;
import java.util.List;

/** One advisories row of the sample. */
record AdvisoryEvent(
    String issuer, String destination, double level, LocalDate from, LocalDate to, String region, String source) {
  /** The advisories that one issuer (the pair's origin) has on one destination. */
  static List<AdvisoryEvent> ofPair(List<AdvisoryEvent> all, String destination, String issuer) {
    return all.stream().filter(a -> a.destination().equals(destination) && a.issuer().equals(issuer)).toList();
  }

  boolean covers(LocalDate day) {
    return !day.isBefore(from) && (to == null || !day.isAfter(to));
  }
}
