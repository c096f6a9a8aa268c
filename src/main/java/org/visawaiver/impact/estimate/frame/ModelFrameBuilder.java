package org.visawaiver.impact.estimate.frame;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.visawaiver.impact.estimate.spec.EstimationSettings;
import org.visawaiver.impact.estimate.spec.Estimator;
import org.visawaiver.impact.estimate.spec.ModelSpec;
import org.visawaiver.impact.estimate.spec.VcovSpec;
import org.visawaiver.impact.estimate.exec.BlockStorage;
import org.visawaiver.impact.estimate.exec.CacheScope;
import org.visawaiver.impact.estimate.exec.SparkBlocks;

/**
 * Turns a panel and a model spec into cached blocks: expands the terms into regressor columns
 * ({@link TermExpansion}), drops (and counts) rows by the {@link DropRules}, numbers the levels
 * of every fixed effect and cluster dimension, and lays the data out by partition. Singletons and
 * separation are handled next by {@link ObservationFilter}.
 *
 * <p>Level ids are the positions of a key's levels in sorted (String) order. One pass reads the
 * rows into blocks whose keys are numbered within the partition ({@link RawBlock}: ints per row,
 * strings only per distinct column value) and a treeAggregate gathers the key columns' values
 * ({@link ComponentLevels}). When every key has at most {@code estimate.broadcast-max-levels}
 * levels (the common case), a second treeAggregate gathers the levels as packed integer tuples
 * ({@link LevelDictionary}), their ids are broadcast ({@link LevelNumbers}) and each block's
 * local ids are mapped to them. Otherwise the kept rows are numbered by joins
 * ({@link JoinNumbering}). Both paths end in the same frame assembly.
 */
public final class ModelFrameBuilder {
  public static final String MISSING_OUTCOME = "missing_outcome";
  public static final String MISSING_REGRESSOR = "missing_regressor";
  public static final String ZERO_OUTCOME_FOR_LOG = "zero_outcome_for_log";
  public static final String INTERCEPT = "(Intercept)";
  /** Joins the columns of a combined key (a^b) in its level strings. */
  static final String SEPARATOR = "\u001f";

  /**
   * Blocks with global ids (not yet cached), the number of levels of every key, and the index
   * of the local fixed effect (-1: none).
   */
  record Numbering(JavaRDD<Block> blocks, long[] keyLevels, int local) {}

  private ModelFrameBuilder() {}

  public static ModelFrame build(Dataset<Row> panel, ModelSpec spec, EstimationSettings settings) {
    return build(panel, spec, settings, List.of(spec.vcov()));
  }

  /** As above, with the cluster dimensions of several variances (one fit, several vcovs). */
  public static ModelFrame build(Dataset<Row> panel, ModelSpec spec, EstimationSettings settings,
      List<VcovSpec> vcovs) {
    String where = "model \"" + spec.name() + "\"";
    TermExpansion terms = TermExpansion.of(panel, spec, vcovs);
    FrameKeys keys = FrameKeys.of(spec.formula().fixedEffects(), vcovs);
    int k = terms.values().size();
    DropRules rules =
        new DropRules(k, keys.components().size(), spec.estimator() == Estimator.OLS);
    try (CacheScope cache = new CacheScope()) {
      JavaRDD<RawBlock> raw = cache.persist(readRaw(panel, spec, terms, keys, settings, rules));
      ComponentLevels columns = raw.treeAggregate(
          new ComponentLevels(keys.components().size(), settings.broadcastMaxLevels()),
          ComponentLevels::add, ComponentLevels::merge, 2);
      Map<String, Long> dropped =
          rules.dropped(columns.dropped(), where, spec.formula().outcome());
      Numbering numbering = numberByDictionary(raw, columns, keys, settings, cache);
      if (numbering == null) {
        numbering =
            JoinNumbering.number(panel.sparkSession(), raw, k, keys, settings, where, cache);
      }
      return assemble(numbering, terms, keys, dropped, cache);
    }
  }

  /**
   * When every key has at most broadcast-max-levels levels: the columns' sorted values are
   * broadcast, one treeAggregate gathers every key's levels as packed tuples of their ranks
   * ({@link LevelDictionary}), their ids (the positions of the sorted level strings, as on the
   * join path) are broadcast and each block's local ids are swapped for them. Null when a key has
   * more levels (or its tuples do not fit a long): the join path numbers the keys then.
   */
  private static Numbering numberByDictionary(JavaRDD<RawBlock> raw, ComponentLevels columns,
      FrameKeys keys, EstimationSettings settings, CacheScope cache) {
    if (!columns.fits()) {
      return null;
    }
    LevelNumbers packing = LevelNumbers.packing(columns.sorted(), keys.keyComponents());
    if (!packing.packable()) {
      return null;
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(raw.context());
    Broadcast<LevelNumbers> packer = cache.own(jsc.broadcast(packing));
    // One dictionary per core, not per block: a block's levels are up to 4 MB of longs at 1e8 rows.
    LevelDictionary dictionary = SparkBlocks.perCore(raw).treeAggregate(
        new LevelDictionary(keys.keys().size(), settings.broadcastMaxLevels()),
        (d, b) -> d.add(b, packer.value()), LevelDictionary::merge, 2);
    if (!dictionary.fits()) {
      return null;
    }
    LevelNumbers numbers = packing.withLevels(dictionary.levels());
    Broadcast<LevelNumbers> table = cache.own(jsc.broadcast(numbers));
    int[] feKeys = keys.feKeys();
    int[] clusterKeys = keys.clusterKeys();
    long[] keyLevels = new long[keys.keys().size()];
    for (int j = 0; j < keyLevels.length; j++) {
      keyLevels[j] = numbers.levelCount(j);
    }
    return new Numbering(raw.map(b -> b.toBlock(table.value(), feKeys, clusterKeys)), keyLevels,
        -1);
  }

  /**
   * The model frame of either numbering: caches the blocks (handed to the caller), counts them
   * (after which the scope may release the raw blocks and level tables they were made from).
   */
  private static ModelFrame assemble(Numbering numbering, TermExpansion terms, FrameKeys keys,
      Map<String, Long> dropped, CacheScope cache) {
    JavaRDD<Block> blocks = cache.persist(numbering.blocks());
    long n = blocks.map(b -> (long) b.n).reduce(Long::sum);
    long[] keyLevels = numbering.keyLevels();
    long[] feLevels = java.util.Arrays.stream(keys.feKeys()).mapToLong(j -> keyLevels[j]).toArray();
    long[] clusterLevels =
        java.util.Arrays.stream(keys.clusterKeys()).mapToLong(j -> keyLevels[j]).toArray();
    FeLayout layout = new FeLayout(keys.feNames(), feLevels, numbering.local());
    return new ModelFrame(cache.handOver(blocks), terms.names(), layout, keys.clusterNames(),
        clusterLevels, n, feLevels, dropped, List.of());
  }

  /**
   * One pass over the panel into cached {@link RawBlock}s: the outcome and regressor columns,
   * and the string columns the keys are made of, each read once however many keys use it.
   * Spark's internal rows keep strings as UTF-8 bytes: no String per row and key.
   */
  private static JavaRDD<RawBlock> readRaw(Dataset<Row> panel, ModelSpec spec,
      TermExpansion terms, FrameKeys keys, EstimationSettings settings, DropRules rules) {
    List<Column> read = new ArrayList<>();
    read.add(col(spec.formula().outcome()).cast(DataTypes.DoubleType).as("_y"));
    for (int t = 0; t < terms.values().size(); t++) {
      read.add(terms.values().get(t).cast(DataTypes.DoubleType).as("_x" + t));
    }
    List<String> components = keys.components();
    for (int c = 0; c < components.size(); c++) {
      read.add(col(components.get(c)).cast(DataTypes.StringType).as("_c" + c));
    }
    Dataset<Row> source = panel.select(read.toArray(Column[]::new));
    if (settings.partitions() > 0) {
      source = source.repartition(settings.partitions());
    }
    int k = terms.values().size();
    int[][] keyComponents = keys.keyComponents();
    int componentCount = components.size();
    return atMostDefaultParallelism(source.queryExecution().toRdd().toJavaRDD(), settings)
        .mapPartitions(it -> List.of(
            RawBlock.fromRows(it, k, keyComponents, componentCount, rules)).iterator());
  }

  /**
   * With estimate.partitions = 0, input with more partitions than Spark's default parallelism (a
   * panel that came out of a shuffle has spark.sql.shuffle.partitions of them) is coalesced to it,
   * without a shuffle: every pass then runs one task per core, and treeAggregate needs no extra
   * level (with 8 partitions on 2 cores each pass took a shuffle and 150 ms instead of 50).
   * Under a serialized or disk-only {@link BlockStorage} level the input's partitions are kept:
   * such a level is for data larger than memory, where a block is the unit that is stored, spilled
   * and decoded, so blocks must stay the size of an input split (a 1e8-row panel coalesced to 2
   * blocks would need two 6 GB blocks in memory at once).
   */
  private static <T> JavaRDD<T> atMostDefaultParallelism(JavaRDD<T> rdd,
      EstimationSettings settings) {
    if (settings.partitions() == 0 && BlockStorage.deserialized(rdd.context())) {
      return SparkBlocks.perCore(rdd);
    }
    return rdd;
  }
}
