package org.visawaiver.impact.estimate.frame;

import java.io.Serializable;
import org.apache.spark.api.java.JavaRDD;

/**
 * One pass over the blocks summing a fixed-length vector: a treeAggregate whose zero value is an
 * empty array, allocated on the executor at the first block (as MLlib's aggregators are lazy), so
 * the tasks do not carry a serialized vector of zeros as long as the result.
 */
public final class BlockSums {
  private static final int TREE_DEPTH = 2;
  private static final double[] EMPTY = new double[0];

  /** Adds one block's contribution to {@code acc} (length as requested). */
  @FunctionalInterface
  public interface Contribution extends Serializable {
    void add(Block b, double[] acc);
  }

  private BlockSums() {}

  /** Σ over blocks of each block's contribution; zeros when there are no blocks. */
  public static double[] sum(JavaRDD<Block> blocks, int length, Contribution contribution) {
    double[] out =
        blocks.treeAggregate(
            EMPTY,
            (acc, b) -> {
              double[] a = acc.length == 0 ? new double[length] : acc;
              contribution.add(b, a);
              return a;
            },
            BlockSums::combine,
            TREE_DEPTH);
    return out.length == 0 ? new double[length] : out;
  }

  private static double[] combine(double[] a, double[] b) {
    if (a.length == 0) {
      return b;
    }
    return b.length == 0 ? a : add(a, b);
  }

  /** a += b, returned: the combiner of treeAggregates of equal-length sums. */
  public static double[] add(double[] a, double[] b) {
    for (int i = 0; i < a.length; i++) {
      a[i] += b[i];
    }
    return a;
  }
}
