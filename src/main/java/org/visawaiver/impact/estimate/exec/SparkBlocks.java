package org.visawaiver.impact.estimate.exec;

import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Blocks as a cached RDD (one block per partition, at the {@link BlockStorage} level); every pass
 * is one Spark job: a treeAggregate whose zero value is an empty array allocated on the executor at the first block (as MLlib's
 * aggregators are lazy), so the tasks do not carry a serialized vector of zeros as long as the
 * result.
 *
 * @param <T> the block type
 */
public final class SparkBlocks<T> implements Blocks<T> {
  private static final int TREE_DEPTH = 2;
  private static final double[] EMPTY = new double[0];

  private final JavaRDD<T> rdd;

  private SparkBlocks(JavaRDD<T> rdd) {
    this.rdd = rdd;
  }

  /** The blocks of a cached RDD (it is released with this set). */
  public static <T> SparkBlocks<T> of(JavaRDD<T> rdd) {
    return new SparkBlocks<>(rdd);
  }

  @Override
  public Executor executor() {
    return Executor.SPARK;
  }

  /**
   * The RDD a pass runs over: at most one task per core. The cached blocks stay the unit of
   * storage (under a serialized storage level one input partition each, read from memory or disk
   * one at a time), while a task adds several of them into one accumulator, so a pass returns one
   * vector per core instead of one per block: at 1e8 rows that is 2 vectors of level sums instead
   * of 101 (82 MB each), which treeAggregate would otherwise shuffle on every pass. With a block
   * per core, as the frame lays out data under the default storage level, this is the RDD itself.
   */
  private JavaRDD<T> perCore() {
    return perCore(rdd);
  }

  /** {@code rdd} with at most one partition per core (coalesced, no shuffle). */
  public static <U> JavaRDD<U> perCore(JavaRDD<U> rdd) {
    int cores = rdd.context().defaultParallelism();
    return rdd.getNumPartitions() > cores ? rdd.coalesce(cores) : rdd;
  }

  @Override
  public double[] sum(int length, Contribution<T> contribution) {
    double[] out = perCore().treeAggregate(EMPTY, (acc, b) -> {
      double[] a = acc.length == 0 ? new double[length] : acc;
      contribution.add(b, a);
      return a;
    }, SparkBlocks::combine, TREE_DEPTH);
    return out.length == 0 ? new double[length] : out;
  }

  private static double[] combine(double[] a, double[] b) {
    if (a.length == 0) {
      return b;
    }
    return b.length == 0 ? a : Blocks.addInto(a, b);
  }

  @Override
  public <A> A aggregate(Zero<A> zero, Step<A, T> step, Merge<A> merge) {
    // The zero travels with the tasks: it must be fresh, so it is made here once and copied by
    // serialization for every task (Spark's treeAggregate contract).
    return perCore().treeAggregate(zero.get(), step::apply, merge::apply, TREE_DEPTH);
  }

  @Override
  public <U> Blocks<U> map(Mapper<T, U> f) {
    return new SparkBlocks<>(rdd.map(f::apply).persist(BlockStorage.level(rdd.context())));
  }

  @Override
  public <U, V> Blocks<V> zip(Blocks<U> other, Zipper<T, U, V> f) {
    return new SparkBlocks<>(rdd.zip(other.rdd()).map(p -> f.apply(p._1(), p._2()))
        .persist(BlockStorage.level(rdd.context())));
  }

  @Override
  public <R, U> Blocks<U> regroup(Rows<T, R> rows, Gather<R, U> gather) {
    int partitions = Math.max(1, rdd.getNumPartitions());
    JavaRDD<U> out = rdd.flatMapToPair(rows::apply)
        .partitionBy(new HashPartitioner(partitions))
        .mapPartitions(gather::apply)
        .persist(BlockStorage.level(rdd.context()));
    out.count();
    return new SparkBlocks<>(out);
  }

  @Override
  public <V> Shared<V> share(V value) {
    return new SharedBroadcast<>(JavaSparkContext.fromSparkContext(rdd.context()).broadcast(value));
  }

  @Override
  public Blocks<T> materialize() {
    rdd.count();
    return this;
  }

  @Override
  public int partitions() {
    return rdd.getNumPartitions();
  }

  @Override
  public JavaRDD<T> rdd() {
    return rdd;
  }

  @Override
  public void release() {
    rdd.unpersist(false);
  }

  /** A Spark broadcast. */
  private record SharedBroadcast<V>(Broadcast<V> broadcast) implements Shared<V> {
    @Override
    public V value() {
      return broadcast.value();
    }

    @Override
    public void destroy() {
      broadcast.destroy();
    }

    @Override
    public void unpersist() {
      broadcast.unpersist(false);
    }
  }
}
