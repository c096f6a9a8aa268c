package org.visawaiver.impact.estimate.eventstudy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.visawaiver.impact.estimate.frame.Block;
import org.visawaiver.impact.estimate.frame.ModelFrame;

/**
 * Observations with a nonzero value of each chosen regressor in a model's estimation sample (after
 * every drop rule): fixest's n_ce, the weights of the sunab() aggregation. One fold of a small
 * array.
 */
final class CellCounts {
  private CellCounts() {}

  static Map<String, Long> of(ModelFrame frame, List<String> terms) {
    int[] columns = terms.stream().mapToInt(t -> frame.terms().indexOf(t)).toArray();
    long[] n = frame.blocks().aggregate(() -> new long[columns.length],
        (acc, b) -> add(acc, b, columns), CellCounts::merge);
    Map<String, Long> out = new LinkedHashMap<>();
    for (int j = 0; j < columns.length; j++) {
      out.put(terms.get(j), columns[j] < 0 ? 0L : n[j]);
    }
    return out;
  }

  private static long[] add(long[] acc, Block b, int[] columns) {
    for (int j = 0; j < columns.length; j++) {
      if (columns[j] < 0) {
        continue;
      }
      double[] x = b.x[columns[j]];
      long c = 0;
      for (int i = 0; i < b.n; i++) {
        if (x[i] != 0) {
          c++;
        }
      }
      acc[j] += c;
    }
    return acc;
  }

  private static long[] merge(long[] a, long[] b) {
    for (int j = 0; j < a.length; j++) {
      a[j] += b[j];
    }
    return a;
  }
}
