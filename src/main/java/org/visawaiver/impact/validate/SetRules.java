package org.visawaiver.impact.validate;

import java.sql.Date;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rules over sets of rows, applied in line order to the rows that passed the row rules. The first
 * row wins: a later row with the same key, or a visa_policy interval overlapping an earlier
 * interval of the same (destination, origin), is rejected, and its reason names the earlier line,
 * which is kept. Every set rule (and the plausibility rule) compares only rows of one
 * {@link #SCOPE}, so the rules can run on each scope's rows apart ({@link CheckedRows}).
 */
final class SetRules {
  /** The columns every set rule's rows share: each key contains them; overlaps and series are per pair. */
  static final List<String> SCOPE = List.of("destination", "origin");

  private SetRules() {}

  /** Whether any set rule (or the plausibility rule) compares rows of this dataset. */
  static boolean needed(RowRules rules, Plausibility plausibility) {
    return !rules.key().isEmpty() || rules == DatasetRules.VISA_POLICY || plausibility.appliesTo(rules);
  }

  static void apply(List<CheckedRow> rows, RowRules rules) {
    if (!rules.key().isEmpty()) {
      rejectDuplicateKeys(rows, rules);
    }
    if (rules == DatasetRules.VISA_POLICY) {
      rejectOverlaps(rows);
    }
  }

  private static void rejectDuplicateKeys(List<CheckedRow> rows, RowRules rules) {
    int[] key = keyPositions(rules);
    Map<List<Object>, Long> firstLine = new HashMap<>();
    for (CheckedRow row : rows) {
      if (!row.accepted()) {
        continue;
      }
      List<Object> k = new ArrayList<>(key.length);
      for (int i : key) {
        k.add(row.value(i));
      }
      Long first = firstLine.putIfAbsent(k, row.line);
      if (first != null) {
        row.reject(Checks.DUPLICATE_KEY, "duplicate key (" + String.join(", ", k.stream().map(String::valueOf).toList())
            + "): line " + first + " has the same " + String.join(", ", rules.key()) + " and is kept");
      }
    }
  }

  /** visa_policy columns: 0 destination, 1 origin, 3 effective_from, 4 effective_to (null = open). */
  private static void rejectOverlaps(List<CheckedRow> rows) {
    Map<String, List<CheckedRow>> kept = new HashMap<>();
    for (CheckedRow row : rows) {
      if (!row.accepted()) {
        continue;
      }
      List<CheckedRow> pair = kept.computeIfAbsent(row.value(0) + "," + row.value(1), k -> new ArrayList<>());
      CheckedRow earlier = pair.stream().filter(e -> overlap(e, row)).findFirst().orElse(null);
      if (earlier == null) {
        pair.add(row);
      } else {
        row.reject(Checks.OVERLAPPING_INTERVAL, "interval " + interval(row) + " overlaps line " + earlier.line + " ("
            + interval(earlier) + ") of the same destination and origin (" + row.value(0) + ", " + row.value(1)
            + "); intervals of one pair must not overlap; line " + earlier.line + " is kept");
      }
    }
  }

  private static boolean overlap(CheckedRow a, CheckedRow b) {
    Date aFrom = (Date) a.value(3);
    Date aTo = (Date) a.value(4);
    Date bFrom = (Date) b.value(3);
    Date bTo = (Date) b.value(4);
    return (bTo == null || !aFrom.after(bTo)) && (aTo == null || !bFrom.after(aTo));
  }

  private static String interval(CheckedRow r) {
    return r.value(3) + ".." + (r.value(4) == null ? "open" : r.value(4));
  }

  private static int[] keyPositions(RowRules rules) {
    List<String> names = List.of(rules.accepted().fieldNames());
    return rules.key().stream().mapToInt(names::indexOf).toArray();
  }
}
