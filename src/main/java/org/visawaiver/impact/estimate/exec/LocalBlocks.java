package org.visawaiver.impact.estimate.exec;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.function.IntFunction;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import scala.Tuple2;

/**
 * Blocks held in driver memory: every pass runs the kernel on each block in parallel over the
 * cores (a thread pool of the machine's processors) and combines the per-block results in block
 * order, so a pass costs no Spark job, no task serialization and no broadcast. The per-block
 * results are those of {@link SparkBlocks} (the same kernel from the same zero on the same
 * block), and so is the sum up to the order of the additions across blocks.
 *
 * @param <T> the block type
 */
public final class LocalBlocks<T> implements Blocks<T> {
  private static final ForkJoinPool POOL = new ForkJoinPool(
      Runtime.getRuntime().availableProcessors(),
      pool -> {
        ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
        t.setDaemon(true);
        t.setName("local-blocks-" + t.getPoolIndex());
        return t;
      }, null, false);

  /** Blocks handed from Spark tasks to the driver in the same JVM: key -> [partition] block. */
  private static final ConcurrentHashMap<String, Object[]> HANDOFF = new ConcurrentHashMap<>();

  private final transient JavaSparkContext jsc;
  /** The blocks by partition, as Spark holds them: a pass keeps one accumulator per partition. */
  private List<List<T>> parts;

  private LocalBlocks(JavaSparkContext jsc, List<List<T>> parts) {
    this.jsc = jsc;
    this.parts = List.copyOf(parts);
  }

  /**
   * The blocks of an RDD in driver memory, partition by partition. With a local master the tasks
   * run in this JVM and hand over the very block objects (no copy; the RDD can be released at
   * once); otherwise they are collected (a serialized copy).
   */
  public static <T> LocalBlocks<T> of(JavaRDD<T> rdd) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(rdd.context());
    if (!jsc.isLocal()) {
      return new LocalBlocks<>(jsc, java.util.Arrays.asList(rdd.collectPartitions(
          java.util.stream.IntStream.range(0, rdd.getNumPartitions()).toArray())));
    }
    String key = UUID.randomUUID().toString();
    HANDOFF.put(key, new Object[rdd.getNumPartitions()]);
    try {
      rdd.foreachPartition(it -> {
        List<T> all = new ArrayList<>();
        it.forEachRemaining(all::add);
        HANDOFF.get(key)[TaskContext.getPartitionId()] = all;
      });
      List<List<T>> out = new ArrayList<>();
      for (Object part : HANDOFF.get(key)) {
        @SuppressWarnings("unchecked")
        List<T> list = (List<T>) part;
        out.add(list);
      }
      return new LocalBlocks<>(jsc, out);
    } finally {
      HANDOFF.remove(key);
    }
  }

  @Override
  public Executor executor() {
    return Executor.LOCAL;
  }

  private List<List<T>> parts() {
    if (parts == null) {
      throw new IllegalStateException("these blocks were released");
    }
    return parts;
  }

  /** f applied to every partition index in parallel, results in partition order. */
  private static <R> List<R> each(int n, IntFunction<R> f) {
    Object[] out = new Object[n];
    if (n == 1 || POOL.getParallelism() == 1) {
      for (int i = 0; i < n; i++) {
        out[i] = f.apply(i);
      }
    } else {
      POOL.submit(() -> java.util.stream.IntStream.range(0, n).parallel()
          .forEach(i -> out[i] = f.apply(i))).join();
    }
    List<R> list = new ArrayList<>(n);
    for (Object o : out) {
      @SuppressWarnings("unchecked")
      R r = (R) o;
      list.add(r);
    }
    return list;
  }

  /** Every block of every partition mapped, partitions in parallel. */
  private <U> LocalBlocks<U> mapped(java.util.function.BiFunction<Integer, Integer, U> f) {
    List<List<T>> ps = parts();
    return new LocalBlocks<>(jsc, each(ps.size(), p -> {
      List<U> out = new ArrayList<>(ps.get(p).size());
      for (int j = 0; j < ps.get(p).size(); j++) {
        out.add(f.apply(p, j));
      }
      return out;
    }));
  }

  @Override
  public double[] sum(int length, Contribution<T> contribution) {
    double[] out = aggregate(() -> new double[0], (acc, b) -> {
      double[] a = acc.length == 0 ? new double[length] : acc;
      contribution.add(b, a);
      return a;
    }, (a, b) -> a.length == 0 ? b : b.length == 0 ? a : Blocks.addInto(a, b));
    return out.length == 0 ? new double[length] : out;
  }

  @Override
  public <A> A aggregate(Zero<A> zero, Step<A, T> step, Merge<A> merge) {
    List<List<T>> ps = parts();
    List<A> sums = each(ps.size(), p -> unchecked(() -> {
      A acc = zero.get();
      for (T b : ps.get(p)) {
        acc = step.apply(acc, b);
      }
      return acc;
    }));
    A out = zero.get();
    for (A part : sums) {
      A acc = out;
      out = unchecked(() -> merge.apply(acc, part));
    }
    return out;
  }

  @Override
  public <U> Blocks<U> map(Mapper<T, U> f) {
    List<List<T>> ps = parts();
    return mapped((p, j) -> unchecked(() -> f.apply(ps.get(p).get(j))));
  }

  @Override
  public <U, V> Blocks<V> zip(Blocks<U> other, Zipper<T, U, V> f) {
    if (!(other instanceof LocalBlocks<U> o) || !sameShape(o)) {
      throw new IllegalArgumentException("zip needs blocks of the same local set, found "
          + other.executor() + " with " + other.partitions() + " partitions for " + partitions());
    }
    List<List<T>> ps = parts();
    List<List<U>> os = o.parts();
    return mapped((p, j) -> unchecked(() -> f.apply(ps.get(p).get(j), os.get(p).get(j))));
  }

  private boolean sameShape(LocalBlocks<?> o) {
    if (o.parts().size() != parts().size()) {
      return false;
    }
    for (int p = 0; p < parts.size(); p++) {
      if (o.parts.get(p).size() != parts.get(p).size()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public <R, U> Blocks<U> regroup(Rows<T, R> rows, Gather<R, U> gather) {
    List<List<T>> ps = parts();
    int groups = Math.max(1, ps.size());
    // Spark's HashPartitioner: group = non-negative (key hash mod groups).
    List<List<List<Tuple2<Long, R>>>> byPart = each(ps.size(), p -> {
      List<List<Tuple2<Long, R>>> out = new ArrayList<>();
      for (int g = 0; g < groups; g++) {
        out.add(new ArrayList<>());
      }
      for (T b : ps.get(p)) {
        Iterator<Tuple2<Long, R>> it = unchecked(() -> rows.apply(b));
        while (it.hasNext()) {
          Tuple2<Long, R> r = it.next();
          out.get(Math.floorMod(r._1().hashCode(), groups)).add(r);
        }
      }
      return out;
    });
    return new LocalBlocks<>(jsc, each(groups, g -> {
      List<Tuple2<Long, R>> all = new ArrayList<>();
      for (List<List<Tuple2<Long, R>>> part : byPart) {
        all.addAll(part.get(g));
      }
      List<U> out = new ArrayList<>();
      unchecked(() -> gather.apply(all.iterator())).forEachRemaining(out::add);
      return out;
    }));
  }

  @Override
  public <V> Shared<V> share(V value) {
    return new Held<>(value);
  }

  @Override
  public Blocks<T> materialize() {
    parts();
    return this;
  }

  @Override
  public int partitions() {
    return parts().size();
  }

  @Override
  public JavaRDD<T> rdd() {
    List<T> all = new ArrayList<>();
    parts().forEach(all::addAll);
    return jsc.parallelize(all, Math.max(1, parts.size()));
  }

  @Override
  public void release() {
    parts = null;
  }

  /** A call whose checked exceptions are rethrown unchecked (the kernels' signatures allow them). */
  private interface Call<R> {
    R call() throws Exception;
  }

  private static <R> R unchecked(Call<R> c) {
    try {
      return c.call();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The value itself: nothing leaves the JVM. */
  private record Held<V>(V value) implements Shared<V> {
    @Override
    public void destroy() {}

    @Override
    public void unpersist() {}
  }
}
