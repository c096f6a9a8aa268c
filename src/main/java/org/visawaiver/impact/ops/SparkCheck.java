package org.visawaiver.impact.ops;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * A deterministic distributed computation used to check a Spark installation: the sum of
 * {@code (i * i) mod 1000003} over the first million integers, computed in {@code partitions}
 * tasks. The checksum does not depend on where the tasks run, so a cluster run and a local run
 * must agree exactly.
 */
public final class SparkCheck {
  public static final int VALUES = 1_000_000;
  private static final long MODULUS = 1_000_003L;

  private SparkCheck() {}

  /** What the check computed and how many distinct executors ran its tasks. */
  public record Result(int partitions, long values, long checksum, long executorsUsed) {}

  public static Result run(SparkSession spark, int partitions, double secondsPerTask) {
    if (partitions < 1) {
      throw new IllegalArgumentException("--partitions must be at least 1, was " + partitions);
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<Integer> starts = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      starts.add(p);
    }
    long waitMillis = Math.round(secondsPerTask * 1000);
    JavaRDD<long[]> perTask =
        jsc.parallelize(starts, partitions)
            .map(p -> {
              if (waitMillis > 0) {
                Thread.sleep(waitMillis);
              }
              long sum = 0;
              long count = 0;
              for (long i = p; i < VALUES; i += partitions) {
                sum += (i * i) % MODULUS; // < 1e6 * 1e6: no overflow
                count++;
              }
              String executor = SparkEnv.get().executorId();
              return new long[] {count, sum, executor.hashCode()};
            });
    List<long[]> parts = perTask.collect(); // one small array per task, not data
    long values = 0;
    long checksum = 0;
    for (long[] part : parts) {
      values += part[0];
      checksum += part[1];
    }
    long executors = parts.stream().mapToLong(a -> a[2]).distinct().count();
    return new Result(partitions, values, checksum, executors);
  }
}
