package org.visawaiver.impact.panel;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.hash.Murmur3_x86_32;

/**
 * How the panel's rows are laid out in partitions: sorted by (destination, origin, month), each
 * partition a contiguous run of whole (destination, origin) pairs, the runs cut from the exact row
 * count of every pair so that the partitions hold about as many rows each. The layout depends on
 * the data alone.
 *
 * <p>Why not {@code orderBy}: Spark's range partitioning cuts at boundaries drawn from a random
 * sample whose seed is the id of an internal RDD, i.e. on how many RDDs the job had made before.
 * The estimation blocks follow the panel's partitions and sums over levels that span two blocks
 * are added in block order, so the estimates' last digits depended on that counter: `estimate`
 * and `run` on the same data differed at 1e-14, and so did a run after any change to the Spark
 * work before the panel (docs/benchmarks.md).
 *
 * <p>Spark SQL has no "partition number = this column": {@code repartition(n, key)} sends a row to
 * pmod(murmur3(key, 42), n). So each run gets as key the first integer that Murmur3 sends to the
 * run's partition ({@link #keyFor}); a pair takes its run's key by a broadcast join.
 */
final class PanelLayout {
  /** The seed of Spark's hash partitioning (HashPartitioning uses Murmur3Hash with seed 42). */
  private static final int SPARK_HASH_SEED = 42;
  static final String PART_KEY = "_part_key";

  private PanelLayout() {}

  /** One (destination, origin) pair and its number of rows. */
  record Pair(String destination, String origin, long rows) {}

  /**
   * {@code rows} (with destination, origin and month columns) in {@code partitions} partitions,
   * sorted, pairs cut into contiguous balanced runs; {@code pairs} are the exact row counts.
   */
  static Dataset<Row> sorted(Dataset<Row> rows, List<Pair> pairs, int partitions) {
    SparkSession spark = rows.sparkSession();
    int[] run = runs(pairs, partitions);
    List<Pair> ordered = inSparkOrder(pairs);
    List<Row> keys = new ArrayList<>(ordered.size());
    for (int i = 0; i < ordered.size(); i++) {
      keys.add(RowFactory.create(ordered.get(i).destination(), ordered.get(i).origin(), keyFor(run[i], partitions)));
    }
    StructType schema = new StructType()
        .add("_l_destination", DataTypes.StringType)
        .add("_l_origin", DataTypes.StringType)
        .add(PART_KEY, DataTypes.IntegerType, false);
    Dataset<Row> table = spark.createDataFrame(keys, schema);
    return rows.join(broadcast(table), rows.col("destination").equalTo(col("_l_destination"))
            .and(rows.col("origin").equalTo(col("_l_origin"))), "left")
        .repartition(partitions, col(PART_KEY))
        .sortWithinPartitions("destination", "origin", "month")
        .drop("_l_destination", "_l_origin", PART_KEY);
  }

  /**
   * The run (partition) of every pair in Spark's string order: pairs in turn until a run's rows
   * reach its share of the total ({@code (p + 1) * total / partitions}).
   */
  static int[] runs(List<Pair> pairs, int partitions) {
    List<Pair> ordered = inSparkOrder(pairs);
    long total = ordered.stream().mapToLong(Pair::rows).sum();
    int[] run = new int[ordered.size()];
    long seen = 0;
    int p = 0;
    for (int i = 0; i < ordered.size(); i++) {
      run[i] = p;
      seen += ordered.get(i).rows();
      while (p < partitions - 1 && seen * partitions >= (p + 1) * total) {
        p++;
      }
    }
    return run;
  }

  /** The pairs sorted as Spark sorts strings (by UTF-8 bytes, unsigned). */
  static List<Pair> inSparkOrder(List<Pair> pairs) {
    Comparator<String> utf8 = (a, b) -> Arrays.compareUnsigned(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    return pairs.stream()
        .sorted(Comparator.comparing(Pair::destination, utf8).thenComparing(Pair::origin, utf8))
        .toList();
  }

  /** The smallest non-negative integer that Spark's hash partitioning sends to {@code partition}. */
  static int keyFor(int partition, int partitions) {
    for (int key = 0; ; key++) {
      if (Math.floorMod(Murmur3_x86_32.hashInt(key, SPARK_HASH_SEED), partitions) == partition) {
        return key;
      }
    }
  }
}
