package org.visawaiver.impact.estimate.frame;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.visawaiver.impact.estimate.spec.EstimationException;
import org.visawaiver.impact.estimate.spec.EstimationSettings;
import org.visawaiver.impact.estimate.exec.CacheScope;

/**
 * Level numbering when a key has more than broadcast-max-levels levels: the rows the drop rules
 * kept ({@link RawBlock#rows}) get every key's ids by joins (a distributed sort and zipWithIndex
 * for the large keys, a broadcast table for the others) and are partitioned and sorted by the
 * large fixed effect, if any: it becomes the local one. Ids are the positions of the sorted
 * level strings, as on the dictionary path.
 */
final class JoinNumbering {
  private JoinNumbering() {}

  /**
   * @param raw the cached raw blocks (held by the caller until the result's blocks are cached)
   * @param cache holds the level tables this makes, until the caller has cached the blocks
   */
  static ModelFrameBuilder.Numbering number(SparkSession spark, JavaRDD<RawBlock> raw, int k,
      FrameKeys keys, EstimationSettings settings, String where, CacheScope cache) {
    int m = keys.keys().size();
    StructType rowSchema = new StructType().add("_y", DataTypes.DoubleType, false);
    for (int t = 0; t < k; t++) {
      rowSchema = rowSchema.add("_x" + t, DataTypes.DoubleType, false);
    }
    for (int j = 0; j < m; j++) {
      rowSchema = rowSchema.add("_k" + j, DataTypes.StringType, false);
    }
    Dataset<Row> df = spark.createDataFrame(raw.flatMap(RawBlock::rows), rowSchema);
    // Number the levels of each key (sorted distinct values) and join the numbers back. A key with
    // at most broadcast-max-levels levels is numbered on the driver (its level table is what gets
    // broadcast anyway: one job); a larger one by a distributed sort and zipWithIndex.
    long[] keyLevels = new long[m];
    for (int j = 0; j < m; j++) {
      String key = "_k" + j;
      StructType schema = new StructType().add(key, DataTypes.StringType, false)
          .add("_id" + j, DataTypes.LongType, false);
      Dataset<Row> levels = df.select(col(key)).distinct();
      List<Row> few = levels.limit((int) Math.min(Integer.MAX_VALUE - 1,
          settings.broadcastMaxLevels() + 1)).collectAsList();
      Dataset<Row> table;
      if (few.size() <= settings.broadcastMaxLevels()) {
        List<String> keysSorted = new ArrayList<>();
        few.forEach(r -> keysSorted.add(r.getString(0)));
        keysSorted.sort(String::compareTo);
        List<Row> numbered = new ArrayList<>();
        for (int i = 0; i < keysSorted.size(); i++) {
          numbered.add(RowFactory.create(keysSorted.get(i), (long) i));
        }
        table = broadcast(spark.createDataFrame(numbered, schema));
        keyLevels[j] = numbered.size();
      } else {
        JavaRDD<Row> indexed =
            levels.orderBy(key).javaRDD().zipWithIndex()
                .map(t -> RowFactory.create(t._1().getString(0), t._2()));
        table = cache.persist(spark.createDataFrame(indexed, schema));
        keyLevels[j] = table.count();
      }
      df = df.join(table, key);
    }
    int local = localDimension(keys, keyLevels, settings, where);
    List<Column> out = new ArrayList<>();
    out.add(col("_y"));
    for (int t = 0; t < k; t++) {
      out.add(col("_x" + t));
    }
    // A key that is both a fixed effect and a cluster dimension appears twice: each copy gets its
    // own name, so the local fixed effect's column can be named when partitioning by it.
    int[] feKeys = keys.feKeys();
    int[] clusterKeys = keys.clusterKeys();
    for (int h = 0; h < feKeys.length; h++) {
      out.add(col("_id" + feKeys[h]).cast(DataTypes.IntegerType).as("_fe" + h));
    }
    for (int g = 0; g < clusterKeys.length; g++) {
      out.add(col("_id" + clusterKeys[g]).as("_cluster" + g));
    }
    Dataset<Row> laid = df.select(out.toArray(Column[]::new));
    int partitions = settings.partitions() > 0
        ? settings.partitions()
        : spark.sparkContext().defaultParallelism();
    if (local >= 0) {
      Column id = laid.col("_fe" + local);
      laid = laid.repartition(partitions, id).sortWithinPartitions(id);
    } else if (settings.partitions() > 0) {
      laid = laid.repartition(partitions);
    } else if (laid.rdd().getNumPartitions() > partitions) {
      laid = laid.coalesce(partitions);
    }
    int q = feKeys.length;
    int c = clusterKeys.length;
    int localDim = local;
    JavaRDD<Block> blocks = laid.javaRDD()
        .mapPartitions(it -> List.of(Block.fromRows(it, k, q, c, localDim)).iterator());
    return new ModelFrameBuilder.Numbering(blocks, keyLevels, local);
  }

  /** The one fixed effect above broadcast-max-levels (absorbed inside partitions), or -1. */
  private static int localDimension(FrameKeys keys, long[] keyLevels,
      EstimationSettings settings, String where) {
    int[] feKeys = keys.feKeys();
    int local = -1;
    for (int h = 0; h < feKeys.length; h++) {
      long levels = keyLevels[feKeys[h]];
      if (levels > settings.broadcastMaxLevels()) {
        if (local >= 0) {
          throw new EstimationException(where + ": fixed effects " + keys.fes().get(local).name()
              + " (" + keyLevels[feKeys[local]] + " levels) and " + keys.fes().get(h).name()
              + " (" + levels + " levels) both exceed estimate.broadcast-max-levels = "
              + settings.broadcastMaxLevels() + "; only one fixed effect can be absorbed inside "
              + "partitions; raise the limit (driver memory permitting); nothing was estimated");
        }
        local = h;
      }
    }
    return local;
  }
}
