package org.visawaiver.impact.scenario;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.visawaiver.impact.scenario.transfer.RegimeTerm;

/**
 * The entry regime of an origin's tourists in a destination on the first day of a month, from the
 * accepted visa_policy.csv rows; a pair with no row in force has {@code visa_required} (the
 * contract's rule). A waiver replaces this regime, so its effect is measured from it.
 */
@FunctionalInterface
public interface RegimeLookup {
  /** Every pair visa_required: the effect is the waiver term alone. */
  RegimeLookup VISA_REQUIRED = (destination, origin, month) -> RegimeTerm.VISA_REQUIRED;

  RegimeTerm at(String destination, String origin, YearMonth month);

  /**
   * From accepted visa_policy rows (destination, origin, regime, effective_from, effective_to as
   * dates; effective_to inclusive, null = open-ended). A few hundred rows: collected on purpose.
   */
  static RegimeLookup fromRows(List<Row> rows) {
    record Interval(LocalDate from, LocalDate to, RegimeTerm regime) {}
    Map<String, List<Interval>> byPair = new HashMap<>();
    for (Row r : rows) {
      Object to = r.getAs("effective_to");
      byPair
          .computeIfAbsent(r.<String>getAs("destination") + "\u0000" + r.<String>getAs("origin"), k -> new ArrayList<>())
          .add(new Interval(date(r.getAs("effective_from")), to == null ? null : date(to),
              RegimeTerm.of(r.getAs("regime"))));
    }
    return (destination, origin, month) -> {
      LocalDate day = month.atDay(1);
      for (Interval i : byPair.getOrDefault(destination + "\u0000" + origin, List.of())) {
        if (!day.isBefore(i.from()) && (i.to() == null || !day.isAfter(i.to()))) {
          return i.regime();
        }
      }
      return RegimeTerm.VISA_REQUIRED;
    };
  }

  private static LocalDate date(Object value) {
    return value instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) value;
  }
}
