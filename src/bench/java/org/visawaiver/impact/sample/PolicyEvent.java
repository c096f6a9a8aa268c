package org.visawaiver.impact.sample;

import java.time.LocalDate;
import java.util.List;

/** One visa_policy row of the sample: a regime for (destination, origin) over an interval. */
record PolicyEvent(
    String destination, String origin, String regime, LocalDate from, LocalDate to, Integer stayDays,
    Double feeUsd, String source) {
  /** The rows of one (destination, origin) pair. */
  static List<PolicyEvent> ofPair(List<PolicyEvent> all, String destination, String origin) {
    return all.stream().filter(p -> p.destination().equals(destination) && p.origin().equals(origin)).toList();
  }

  boolean covers(LocalDate day) {
    return !day.isBefore(from) && (to == null || !day.isAfter(to));
  }
}
