package org.visawaiver.impact.estimate.frame;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.visawaiver.impact.estimate.exec.Blocks;
import org.visawaiver.impact.estimate.exec.CacheScope;
import org.visawaiver.impact.estimate.exec.Shared;

/**
 * Drops, repeatedly until nothing changes, observations alone in a fixed-effect level
 * (singletons, as fixest) and, for PPML, observations in a level whose outcomes are all zero
 * (their fixed effect goes to minus infinity: separation, as ppmlhdfe's "fe" method). Each round
 * is one treeAggregate of per-level counts and outcome sums of the broadcast fixed effects; the
 * local fixed effect's levels are counted inside their block.
 */
public final class ObservationFilter {
  public static final String SINGLETONS = "singletons";
  public static final String SEPARATION_FE = "separation_fe";

  private ObservationFilter() {}

  /** Level statistics: counts and outcome sums per broadcast level, and levels in use per dim. */
  private record LevelStats(double[] counts, double[] sums, long[] used)
      implements java.io.Serializable {}

  /**
   * The frame without the dropped observations. The input frame's blocks stay the caller's (they
   * are the result's when nothing is dropped); the intermediate rounds' blocks are released here.
   */
  public static ModelFrame apply(ModelFrame frame, boolean singletons, boolean zeroLevels) {
    FeLayout layout = frame.layout();
    Blocks<Block> blocks = frame.blocks();
    long n = frame.observations();
    long droppedSingletons = 0;
    long droppedZero = 0;
    LevelStats stats = stats(blocks, layout);
    try (CacheScope cache = new CacheScope()) {
      while (layout.dimensions() > 0 && (singletons || zeroLevels)) {
        Shared<LevelStats> bs = blocks.share(stats);
        int[] offsets = layout.offsets();
        long[] drops =
            blocks.aggregate(
                () -> new long[2],
                (acc, b) -> {
                  byte[] why = reasons(b, offsets, bs.value(), singletons, zeroLevels);
                  for (byte r : why) {
                    if (r > 0) {
                      acc[r - 1]++;
                    }
                  }
                  return acc;
                },
                (a, b2) -> new long[] {a[0] + b2[0], a[1] + b2[1]});
        if (drops[0] + drops[1] == 0) {
          bs.destroy();
          break;
        }
        Blocks<Block> next = cache.own(
            blocks
                .map(
                    b -> {
                      byte[] why = reasons(b, offsets, bs.value(), singletons, zeroLevels);
                      boolean[] keep = new boolean[b.n];
                      for (int i = 0; i < b.n; i++) {
                        keep[i] = why[i] == 0;
                      }
                      return b.keep(keep);
                    }));
        stats = stats(next, layout);
        // unpersist, not destroy: the cached blocks' lineage still refers to it.
        bs.unpersist();
        cache.release(blocks);
        blocks = next;
        droppedZero += drops[0];
        droppedSingletons += drops[1];
        n -= drops[0] + drops[1];
      }
      cache.handOver(blocks);
    }
    Map<String, Long> dropped = new LinkedHashMap<>();
    if (singletons) {
      dropped.put(SINGLETONS, droppedSingletons);
    }
    if (zeroLevels) {
      dropped.put(SEPARATION_FE, droppedZero);
    }
    List<String> notes = new ArrayList<>();
    return frame.with(blocks, n, stats.used(), dropped, notes);
  }

  /** Per row: 0 kept, 1 dropped as a level with all-zero outcomes, 2 dropped as a singleton. */
  private static byte[] reasons(
      Block b, int[] offsets, LevelStats s, boolean singletons, boolean zeroLevels) {
    byte[] why = new byte[b.n];
    for (int h = 0; h < offsets.length; h++) {
      if (offsets[h] < 0) {
        continue;
      }
      int[] ids = b.fe[h];
      for (int i = 0; i < b.n; i++) {
        int l = offsets[h] + ids[i];
        if (zeroLevels && s.sums()[l] == 0) {
          why[i] = 1;
        } else if (singletons && s.counts()[l] == 1 && why[i] == 0) {
          why[i] = 2;
        }
      }
    }
    if (b.runs != null) {
      for (int r = 0; r + 1 < b.runs.length; r++) {
        int from = b.runs[r];
        int to = b.runs[r + 1];
        double sum = 0;
        for (int i = from; i < to; i++) {
          sum += b.y[i];
        }
        for (int i = from; i < to; i++) {
          if (zeroLevels && sum == 0) {
            why[i] = 1;
          } else if (singletons && to - from == 1 && why[i] == 0) {
            why[i] = 2;
          }
        }
      }
    }
    return why;
  }

  private static LevelStats stats(Blocks<Block> blocks, FeLayout layout) {
    int size = layout.broadcastSize();
    int[] offsets = layout.offsets();
    int q = layout.dimensions();
    int local = layout.local();
    double[] agg =
        blocks.sum(2 * size + 1,
            (b, acc) -> {
              for (int h = 0; h < q; h++) {
                if (offsets[h] < 0) {
                  continue;
                }
                int[] ids = b.fe[h];
                for (int i = 0; i < b.n; i++) {
                  acc[offsets[h] + ids[i]] += 1;
                  acc[size + offsets[h] + ids[i]] += b.y[i];
                }
              }
              if (b.runs != null) {
                acc[2 * size] += b.runs.length - 1;
              }
            });
    double[] counts = java.util.Arrays.copyOf(agg, size);
    double[] sums = java.util.Arrays.copyOfRange(agg, size, 2 * size);
    long[] used = new long[q];
    for (int h = 0; h < q; h++) {
      if (h == local) {
        used[h] = (long) agg[2 * size];
      } else {
        for (int l = 0; l < layout.levels()[h]; l++) {
          if (counts[offsets[h] + l] > 0) {
            used[h]++;
          }
        }
      }
    }
    return new LevelStats(counts, sums, used);
  }
}
