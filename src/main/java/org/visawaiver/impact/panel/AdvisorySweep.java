package org.visawaiver.impact.panel;

import java.util.List;
import java.util.TreeSet;
import org.apache.spark.sql.Row;

/**
 * The sum over the days of one month of the highest advisory level in force that day, from the
 * (start day, end day, level, regional) stretches of one issuer's advisories about one destination
 * in that month. A sweep over the stretch boundaries: cost grows with the advisories, not the days.
 */
final class AdvisorySweep {
  /** Which advisories count: all of them (v1 {@code advisory_level}), national only, regional only. */
  enum Scope {
    ANY, NATIONAL, REGIONAL;

    boolean counts(boolean regional) {
      return this == ANY || (this == REGIONAL) == regional;
    }
  }

  private AdvisorySweep() {}

  /**
   * {@code stretches}: rows (first day, last day inclusive, level, regional); only the stretches
   * {@code scope} counts take part; days without any count 0.
   */
  static double levelDays(List<Row> stretches, Scope scope) {
    TreeSet<Integer> bounds = new TreeSet<>();
    for (Row s : stretches) {
      if (scope.counts(s.getBoolean(3))) {
        bounds.add(s.getInt(0));
        bounds.add(s.getInt(1) + 1);
      }
    }
    double sum = 0;
    Integer from = bounds.pollFirst();
    while (from != null && !bounds.isEmpty()) {
      int to = bounds.pollFirst(); // segment [from, to)
      double highest = 0;
      for (Row s : stretches) {
        if (scope.counts(s.getBoolean(3)) && s.getInt(0) <= from && s.getInt(1) >= from) {
          highest = Math.max(highest, s.getDouble(2));
        }
      }
      sum += highest * (to - from);
      from = to;
    }
    return sum;
  }
}
