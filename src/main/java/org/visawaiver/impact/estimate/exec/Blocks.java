package org.visawaiver.impact.estimate.exec;

import java.io.Serializable;
import java.util.Iterator;
import org.apache.spark.api.java.JavaRDD;
import scala.Tuple2;

/**
 * A fixed set of blocks (the unit of every pass) and the few things the block algorithms do with
 * them: sum a per-block kernel into a vector, fold small values, map every block to a new block,
 * pair two sets block by block, share a read-only value with the kernels, release. Two executors
 * implement it with the same kernels and the same per-block summation order: {@link SparkBlocks}
 * (a cached RDD, one treeAggregate per pass) and {@link LocalBlocks} (the blocks in driver memory,
 * summed in parallel over the cores, combined in block order, no Spark job per pass).
 *
 * <p>Every method that makes new blocks returns a set that the caller owns and releases.
 *
 * @param <T> the block type
 */
public interface Blocks<T> {
  /** Adds one block's contribution to {@code acc} (length as requested). */
  @FunctionalInterface
  interface Contribution<T> extends Serializable {
    void add(T block, double[] acc);
  }

  /** A new block made from one block. */
  @FunctionalInterface
  interface Mapper<T, U> extends Serializable {
    U apply(T block) throws Exception;
  }

  /** A new block made from two aligned blocks. */
  @FunctionalInterface
  interface Zipper<T, U, V> extends Serializable {
    V apply(T a, U b) throws Exception;
  }

  /** A fresh zero of a fold (called once per block, or per task). */
  @FunctionalInterface
  interface Zero<A> extends Serializable {
    A get();
  }

  /** Adds one block to an accumulator (may mutate and return it). */
  @FunctionalInterface
  interface Step<A, T> extends Serializable {
    A apply(A acc, T block) throws Exception;
  }

  /** Merges two accumulators (may mutate and return the first). */
  @FunctionalInterface
  interface Merge<A> extends Serializable {
    A apply(A a, A b) throws Exception;
  }

  /** The keyed rows of one block. */
  @FunctionalInterface
  interface Rows<T, R> extends Serializable {
    Iterator<Tuple2<Long, R>> apply(T block) throws Exception;
  }

  /** New blocks from the keyed rows of one group of keys (every row of a key is in one group). */
  @FunctionalInterface
  interface Gather<R, U> extends Serializable {
    Iterator<U> apply(Iterator<Tuple2<Long, R>> rows) throws Exception;
  }

  /** Which executor runs the passes. */
  Executor executor();

  /** Σ over blocks of each block's contribution into a vector of {@code length}; zeros when empty. */
  double[] sum(int length, Contribution<T> contribution);

  /** A fold of small values: {@code step} within a block from a fresh zero, {@code merge} across. */
  <A> A aggregate(Zero<A> zero, Step<A, T> step, Merge<A> merge);

  /** Every block mapped, kept (cached) until released. */
  <U> Blocks<U> map(Mapper<T, U> f);

  /** Block i of this with block i of {@code other} (the same executor, the same blocks). */
  <U, V> Blocks<V> zip(Blocks<U> other, Zipper<T, U, V> f);

  /**
   * Rows keyed by a long, brought together by key into as many groups as there are blocks (keys
   * assigned by hash, as Spark's HashPartitioner: a shuffle under Spark) and gathered into new
   * blocks, kept (cached) until released.
   */
  <R, U> Blocks<U> regroup(Rows<T, R> rows, Gather<R, U> gather);

  /** A read-only value the kernels can read (a broadcast under Spark). */
  <V> Shared<V> share(V value);

  /** Computes (and caches) the blocks now, so the sets they were made from can be released. */
  Blocks<T> materialize();

  /** Number of blocks. */
  int partitions();

  /**
   * The blocks as an RDD, for the few steps that need a shuffle (the multiway cluster sums,
   * the nesting of a local fixed effect) and for tests. The local executor makes one from
   * its blocks (a copy of the data).
   */
  JavaRDD<T> rdd();

  /** Frees the blocks (unpersist under Spark); the set is not used afterwards. */
  void release();

  /** a += b, returned. */
  static double[] addInto(double[] a, double[] b) {
    for (int i = 0; i < a.length; i++) {
      a[i] += b[i];
    }
    return a;
  }

  /** The executors: Spark jobs over a cached RDD, or threads over blocks in driver memory. */
  enum Executor {
    SPARK,
    LOCAL;

    public String configName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
