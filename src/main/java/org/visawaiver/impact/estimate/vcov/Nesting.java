package org.visawaiver.impact.estimate.vcov;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaPairRDD;
import org.visawaiver.impact.estimate.exec.Blocks;
import org.visawaiver.impact.estimate.frame.Block;
import org.visawaiver.impact.estimate.frame.ModelFrame;
import org.visawaiver.impact.estimate.spec.FixedEffect;
import scala.Tuple2;

/**
 * Which fixed effects are nested in a cluster dimension (every level inside one cluster), as
 * fixest checks for fixef.K = "nested": by name when the fixed effect's columns include the
 * cluster's, else from the data (one treeAggregate of per-level cluster ranges for a broadcast
 * fixed effect, one reduceByKey for the local one).
 */
public final class Nesting {
  private Nesting() {}

  /** Names of the frame's fixed effects nested in at least one of {@code clusters}. */
  public static List<String> nestedFixedEffects(ModelFrame frame, Blocks<Block> blocks,
      List<FixedEffect> clusters) {
    List<String> nested = new ArrayList<>();
    for (int h = 0; h < frame.layout().dimensions(); h++) {
      for (FixedEffect c : clusters) {
        if (nestedIn(frame, blocks, h, c)) {
          nested.add(frame.layout().names().get(h));
          break;
        }
      }
    }
    return nested;
  }

  private static boolean nestedIn(ModelFrame frame, Blocks<Block> blocks, int h,
      FixedEffect cluster) {
    String fe = frame.layout().names().get(h);
    if (List.of(fe.split("\\^")).containsAll(cluster.columns())) {
      return true;
    }
    int g = frame.clusterNames().indexOf(cluster.name());
    if (frame.layout().offset(h) >= 0) {
      return nestedByLevelRanges(blocks, h, g, (int) frame.layout().levels()[h]);
    }
    // The local fixed effect has too many levels for a vector: one reduceByKey.
    JavaPairRDD<Integer, long[]> ranges =
        blocks.rdd().flatMapToPair(
            b -> {
              Map<Integer, long[]> local = new HashMap<>();
              for (int i = 0; i < b.n; i++) {
                long c = b.clusters[g][i];
                local.merge(b.fe[h][i], new long[] {c, c},
                    (x, y) -> new long[] {Math.min(x[0], y[0]), Math.max(x[1], y[1])});
              }
              List<Tuple2<Integer, long[]>> out = new ArrayList<>();
              local.forEach((key, r) -> out.add(new Tuple2<>(key, r)));
              return out.iterator();
            });
    return ranges
        .reduceByKey((x, y) -> new long[] {Math.min(x[0], y[0]), Math.max(x[1], y[1])})
        .filter(t -> t._2()[0] != t._2()[1])
        .isEmpty();
  }

  /**
   * Nesting of a broadcast fixed effect in a cluster dimension in one fold: the smallest
   * and largest cluster id of every level ([2l], [2l + 1]; ids are exact in a double below 2^53).
   */
  private static boolean nestedByLevelRanges(Blocks<Block> blocks, int h, int g, int levels) {
    double[] ranges = blocks.aggregate(() -> new double[0],
        (acc, b) -> {
          double[] a = acc.length == 0 ? emptyRanges(levels) : acc;
          for (int i = 0; i < b.n; i++) {
            int l = b.fe[h][i];
            double c = b.clusters[g][i];
            a[2 * l] = Math.min(a[2 * l], c);
            a[2 * l + 1] = Math.max(a[2 * l + 1], c);
          }
          return a;
        },
        (x, y) -> {
          if (x.length == 0) {
            return y;
          }
          for (int i = 0; i < y.length; i += 2) {
            x[i] = Math.min(x[i], y[i]);
            x[i + 1] = Math.max(x[i + 1], y[i + 1]);
          }
          return x;
        });
    for (int l = 0; 2 * l < ranges.length; l++) {
      if (ranges[2 * l] < ranges[2 * l + 1]) {
        return false;
      }
    }
    return true;
  }

  private static double[] emptyRanges(int levels) {
    double[] a = new double[2 * levels];
    for (int l = 0; l < levels; l++) {
      a[2 * l] = Double.POSITIVE_INFINITY;
      a[2 * l + 1] = Double.NEGATIVE_INFINITY;
    }
    return a;
  }
}
