package org.visawaiver.impact.validate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The plausibility rule of arrivals ({@code validate.max-arrivals-to-median}): within a series
 * (destination, origin), a value above {@code multiple} times the series' median is rejected, with
 * the median and the limit in its reason. The median is the lower median of the series' reported
 * values after the row rules (so a series of two points, one of them absurd, still has a sane
 * median), counted as at least 1 so that a mostly-zero series does not reject small counts.
 * {@code multiple} 0 switches the rule off.
 */
record Plausibility(double multiple) implements java.io.Serializable {
  static final String KEY = "max-arrivals-to-median";
  private static final int DESTINATION = 0;
  private static final int ORIGIN = 1;
  private static final int ARRIVALS = 3;

  boolean appliesTo(RowRules rules) {
    return multiple != 0 && rules == DatasetRules.ARRIVALS;
  }

  void apply(List<CheckedRow> rows, RowRules rules) {
    if (!appliesTo(rules)) {
      return;
    }
    Map<String, List<CheckedRow>> series = new HashMap<>();
    for (CheckedRow row : rows) {
      if (row.accepted() && row.value(ARRIVALS) != null) {
        series.computeIfAbsent(row.value(DESTINATION) + ", " + row.value(ORIGIN), k -> new ArrayList<>()).add(row);
      }
    }
    series.forEach((key, members) -> {
      long median = lowerMedian(members);
      double limit = multiple * Math.max(median, 1);
      for (CheckedRow row : members) {
        long value = (Long) row.value(ARRIVALS);
        if (value > limit) {
          row.reject(Checks.ARRIVALS_PLAUSIBLE, String.format(Locale.ROOT,
              "arrivals %d is more than %s times the median %d of its series (%s; %d reported months):"
                  + " implausible (a unit or typing error?); such a value would move the estimates;"
                  + " check the row, or raise validate.%s", value, Checks.plain(multiple), median, key,
              members.size(), KEY));
        }
      }
    });
  }

  private static long lowerMedian(List<CheckedRow> members) {
    long[] values = members.stream().mapToLong(r -> (Long) r.value(ARRIVALS)).sorted().toArray();
    return values[(values.length - 1) / 2];
  }
}
