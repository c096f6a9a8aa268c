package org.visawaiver.impact.sample;

import java.time.LocalDate;

/** One visa_policy row of the sample: a regime for (destination, origin) over an interval. */
record PolicyEvent(
    String destination, String origin, String regime, LocalDate from, LocalDate to, Integer stayDays,
    Double feeUsd, String source) {
  boolean covers(LocalDate day) {
    return !day.isBefore(from) && (to == null || !day.isAfter(to));
  }
}
