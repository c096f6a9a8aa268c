package org.visawaiver.impact.sample;

import java.time.LocalDate;

/** One advisories row of the sample. */
record AdvisoryEvent(
    String issuer, String destination, double level, LocalDate from, LocalDate to, String region, String source) {
  boolean covers(LocalDate day) {
    return !day.isBefore(from) && (to == null || !day.isAfter(to));
  }
}
