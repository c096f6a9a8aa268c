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

  @Override
  public double[] sum(int length, Contribution<T> contribution) {
    double[] out = rdd.treeAggregate(EMPTY, (acc, b) -> {
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
    return rdd.treeAggregate(zero.get(), step::apply, merge::apply, TREE_DEPTH);
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
