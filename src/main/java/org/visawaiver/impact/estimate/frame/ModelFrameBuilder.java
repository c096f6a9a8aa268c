package org.visawaiver.impact.estimate.frame;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.visawaiver.impact.estimate.spec.EstimationException;
import org.visawaiver.impact.estimate.spec.Estimator;
import org.visawaiver.impact.estimate.spec.EstimationSettings;
import org.visawaiver.impact.estimate.spec.FixedEffect;
import org.visawaiver.impact.estimate.spec.ModelSpec;
import org.visawaiver.impact.estimate.spec.Term;
import org.visawaiver.impact.estimate.spec.VcovSpec;
import org.visawaiver.impact.domain.PanelColumns;
import org.visawaiver.impact.domain.WaiverTerms;

/**
 * Turns a panel and a model spec into cached blocks: expands the terms into regressor columns,
 * drops (and counts) rows with a missing outcome or regressor (and, for OLS, a zero outcome),
 * numbers the levels of every fixed effect and cluster dimension, and lays the data out by
 * partition. Singletons and separation are handled next by {@link ObservationFilter}.
 *
 * <p>Level ids are the positions of a key's levels in sorted (String) order. One pass reads the
 * rows into blocks whose keys are numbered within the partition ({@link RawBlock}) and one
 * treeAggregate gathers every key's levels ({@link LevelDictionary}). When every key has at most
 * {@code estimate.broadcast-max-levels} levels (the common case), the sorted levels are
 * broadcast and each block's local ids are mapped to them. Otherwise the keys are numbered by
 * joins (a distributed sort for the large ones) and the data is partitioned by the large fixed
 * effect.
 */
public final class ModelFrameBuilder {
  public static final String MISSING_OUTCOME = "missing_outcome";
  public static final String MISSING_REGRESSOR = "missing_regressor";
  public static final String ZERO_OUTCOME_FOR_LOG = "zero_outcome_for_log";
  public static final String INTERCEPT = "(Intercept)";
  /** Joins the columns of a combined key (a^b) in its level strings. */
  static final String SEPARATOR = "\u001f";

  private ModelFrameBuilder() {}

  public static ModelFrame build(Dataset<Row> panel, ModelSpec spec, EstimationSettings settings) {
    return build(panel, spec, settings, List.of(spec.vcov()));
  }

  /** As above, with the cluster dimensions of several variances (one fit, several vcovs). */
  public static ModelFrame build(Dataset<Row> panel, ModelSpec spec, EstimationSettings settings,
      List<VcovSpec> vcovs) {
    String where = "model \"" + spec.name() + "\"";
    checkColumns(panel, spec, where);
    for (VcovSpec v : vcovs) {
      checkColumns(panel, new ModelSpec(spec.name(), spec.estimator(), spec.formula(), v,
          spec.gravity()), where);
    }
    List<String> terms = new ArrayList<>();
    List<Column> exprs = new ArrayList<>();
    for (Term t : spec.formula().terms()) {
      expand(panel, t, terms, exprs, where);
    }
    if (spec.formula().fixedEffects().isEmpty()) {
      terms.add(INTERCEPT);
      exprs.add(lit(1.0));
    }
    Set<String> unique = new LinkedHashSet<>(terms);
    if (unique.size() != terms.size()) {
      throw new EstimationException(where + ": a coefficient appears twice in " + terms
          + "; write each term once; nothing was estimated");
    }
    List<FixedEffect> fes = spec.formula().fixedEffects();
    List<FixedEffect> clusters = new ArrayList<>();
    for (VcovSpec v : vcovs) {
      if (v instanceof VcovSpec.Cluster c) {
        for (FixedEffect fe : c.dimensions()) {
          if (clusters.stream().noneMatch(x -> x.name().equals(fe.name()))) {
            clusters.add(fe);
          }
        }
      }
    }
    // Keys: one per distinct fixed-effect or cluster name.
    Map<String, FixedEffect> keys = new LinkedHashMap<>();
    for (FixedEffect fe : fes) {
      keys.putIfAbsent(fe.name(), fe);
    }
    for (FixedEffect fe : clusters) {
      keys.putIfAbsent(fe.name(), fe);
    }
    List<String> keyNames = new ArrayList<>(keys.keySet());
    List<Column> values = new ArrayList<>();
    values.add(col(spec.formula().outcome()).cast(DataTypes.DoubleType).as("_y"));
    for (int t = 0; t < exprs.size(); t++) {
      values.add(exprs.get(t).cast(DataTypes.DoubleType).as("_x" + t));
    }
    boolean ols = spec.estimator() == Estimator.OLS;
    JavaRDD<RawBlock> raw = readRaw(panel, values, keys, settings, ols);
    LevelDictionary dictionary =
        raw.treeAggregate(new LevelDictionary(keys.size(), settings.broadcastMaxLevels()),
            LevelDictionary::add, LevelDictionary::merge, 2);
    Map<String, Long> dropped = new LinkedHashMap<>();
    dropped.put(MISSING_OUTCOME, dictionary.dropped(RawBlock.MISSING_OUTCOME));
    dropped.put(MISSING_REGRESSOR, dictionary.dropped(RawBlock.MISSING_REGRESSOR));
    long negative = dictionary.dropped(RawBlock.NEGATIVE_OUTCOME);
    if (negative > 0) {
      raw.unpersist(false);
      throw new EstimationException(where + ": outcome " + spec.formula().outcome() + " is negative in "
          + negative + " rows; counts must be >= 0; nothing was estimated");
    }
    if (ols) {
      dropped.put(ZERO_OUTCOME_FOR_LOG, dictionary.dropped(RawBlock.NON_POSITIVE_OUTCOME));
    }
    if (!dictionary.fits()) {
      raw.unpersist(false);
      List<Column> select = new ArrayList<>(values);
      for (int j = 0; j < keyNames.size(); j++) {
        select.add(key(keys.get(keyNames.get(j))).as("_k" + j));
      }
      Dataset<Row> df = panel.select(select.toArray(Column[]::new));
      return numberByJoins(panel, df, spec, settings, terms, exprs.size(), keyNames, fes,
          clusters, dropped);
    }

    // Every key fits in a broadcast level table: number the levels on the driver (sorted, so
    // the ids are those of the join path) and swap each block's local ids for them.
    String[][] levels = dictionary.sortedLevels();
    Broadcast<String[][]> table =
        JavaSparkContext.fromSparkContext(panel.sparkSession().sparkContext()).broadcast(levels);
    int[] feKeys = fes.stream().mapToInt(fe -> keyNames.indexOf(fe.name())).toArray();
    int[] clusterKeys = clusters.stream().mapToInt(fe -> keyNames.indexOf(fe.name())).toArray();
    JavaRDD<Block> blocks =
        raw.map(b -> b.toBlock(table.value(), feKeys, clusterKeys))
            .persist(StorageLevel.MEMORY_AND_DISK());
    long n = blocks.map(b -> (long) b.n).reduce(Long::sum);
    raw.unpersist(false);
    // unpersist, not destroy: the cached blocks' lineage still refers to it.
    table.unpersist(false);
    long[] feLevels = new long[fes.size()];
    for (int h = 0; h < fes.size(); h++) {
      feLevels[h] = levels[feKeys[h]].length;
    }
    long[] clusterLevels = new long[clusters.size()];
    for (int g = 0; g < clusters.size(); g++) {
      clusterLevels[g] = levels[clusterKeys[g]].length;
    }
    FeLayout layout = new FeLayout(fes.stream().map(FixedEffect::name).toList(), feLevels, -1);
    return new ModelFrame(blocks, terms, layout,
        clusters.stream().map(FixedEffect::name).toList(), clusterLevels, n, feLevels, dropped,
        List.of());
  }

  /**
   * One pass over the panel into cached {@link RawBlock}s: the outcome and regressor columns
   * ({@code values}), and the string columns the keys are made of, each read once however many
   * keys use it. Spark's internal rows keep strings as UTF-8 bytes: no String per row and key.
   */
  private static JavaRDD<RawBlock> readRaw(Dataset<Row> panel, List<Column> values,
      Map<String, FixedEffect> keys, EstimationSettings settings, boolean ols) {
    List<String> components = new ArrayList<>();
    int[][] keyComponents = new int[keys.size()][];
    int j = 0;
    for (FixedEffect key : keys.values()) {
      List<String> cols = key.columns();
      keyComponents[j] = new int[cols.size()];
      for (int s = 0; s < cols.size(); s++) {
        if (!components.contains(cols.get(s))) {
          components.add(cols.get(s));
        }
        keyComponents[j][s] = components.indexOf(cols.get(s));
      }
      j++;
    }
    List<Column> read = new ArrayList<>(values);
    for (int c = 0; c < components.size(); c++) {
      read.add(col(components.get(c)).cast(DataTypes.StringType).as("_c" + c));
    }
    Dataset<Row> source = panel.select(read.toArray(Column[]::new));
    if (settings.partitions() > 0) {
      source = source.repartition(settings.partitions());
    }
    int k = values.size() - 1;
    int componentCount = components.size();
    return atMostDefaultParallelism(source.queryExecution().toRdd().toJavaRDD(), settings)
        .mapPartitions(it -> List.of(
            RawBlock.fromRows(it, k, keyComponents, componentCount, ols)).iterator())
        .persist(StorageLevel.MEMORY_AND_DISK());
  }

  /**
   * With estimate.partitions = 0, input with more partitions than Spark's default parallelism (a
   * panel that came out of a shuffle has spark.sql.shuffle.partitions of them) is coalesced to it,
   * without a shuffle: every pass then runs one task per core, and treeAggregate needs no extra
   * level (with 8 partitions on 2 cores each pass took a shuffle and 150 ms instead of 50).
   */
  private static <T> JavaRDD<T> atMostDefaultParallelism(JavaRDD<T> rdd,
      EstimationSettings settings) {
    int cores = rdd.context().defaultParallelism();
    if (settings.partitions() == 0 && rdd.getNumPartitions() > cores) {
      return rdd.coalesce(cores);
    }
    return rdd;
  }

  /**
   * The model frame when a key has more than broadcast-max-levels levels: keys are numbered by
   * joins (a distributed sort and zipWithIndex for the large ones) and the data is partitioned
   * and sorted by the large fixed effect, if any. {@code df} holds the projected rows, not yet
   * filtered; {@code dropped} the counts already taken.
   */
  private static ModelFrame numberByJoins(Dataset<Row> panel, Dataset<Row> df, ModelSpec spec,
      EstimationSettings settings, List<String> terms, int k, List<String> keyNames,
      List<FixedEffect> fes, List<FixedEffect> clusters, Map<String, Long> dropped) {
    String where = "model \"" + spec.name() + "\"";
    Column yMissing = col("_y").isNull().or(functions.isnan(col("_y")));
    Column otherMissing = lit(false);
    for (int t = 0; t < k; t++) {
      otherMissing = otherMissing.or(col("_x" + t).isNull()).or(functions.isnan(col("_x" + t)));
    }
    for (int j = 0; j < keyNames.size(); j++) {
      otherMissing = otherMissing.or(col("_k" + j).isNull());
    }
    boolean ols = spec.estimator() == Estimator.OLS;
    Column ok = functions.not(yMissing).and(functions.not(otherMissing));
    if (ols) {
      ok = ok.and(col("_y").gt(0));
    }
    df = df.where(ok);
    if (ols) {
      df = df.withColumn("_y", functions.log(col("_y")));
    }
    // The selected columns are cached once: numbering the levels reads them several times.
    df = df.persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> selected = df;
    List<Dataset<Row>> tables = new ArrayList<>();
    // Number the levels of each key (sorted distinct values) and join the numbers back. A key with
    // at most broadcast-max-levels levels is numbered on the driver (its level table is what gets
    // broadcast anyway: one job); a larger one by a distributed sort and zipWithIndex.
    long[] keyLevels = new long[keyNames.size()];
    for (int j = 0; j < keyNames.size(); j++) {
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
        table = broadcast(panel.sparkSession().createDataFrame(numbered, schema));
        keyLevels[j] = numbered.size();
      } else {
        JavaRDD<Row> indexed =
            levels.orderBy(key).javaRDD().zipWithIndex()
                .map(t -> RowFactory.create(t._1().getString(0), t._2()));
        table = panel.sparkSession().createDataFrame(indexed, schema).cache();
        keyLevels[j] = table.count();
        tables.add(table);
      }
      df = df.join(table, key);
    }

    long[] feLevels = new long[fes.size()];
    int local = -1;
    for (int h = 0; h < fes.size(); h++) {
      feLevels[h] = keyLevels[keyNames.indexOf(fes.get(h).name())];
      if (feLevels[h] > settings.broadcastMaxLevels()) {
        if (local >= 0) {
          throw new EstimationException(where + ": fixed effects " + fes.get(local).name() + " ("
              + feLevels[local] + " levels) and " + fes.get(h).name() + " (" + feLevels[h]
              + " levels) both exceed estimate.broadcast-max-levels = "
              + settings.broadcastMaxLevels() + "; only one fixed effect can be absorbed inside "
              + "partitions; raise the limit (driver memory permitting); nothing was estimated");
        }
        local = h;
      }
    }
    List<Column> out = new ArrayList<>();
    out.add(col("_y"));
    for (int t = 0; t < k; t++) {
      out.add(col("_x" + t));
    }
    // A key that is both a fixed effect and a cluster dimension appears twice: each copy gets its
    // own name, so the local fixed effect's column can be named when partitioning by it.
    for (int h = 0; h < fes.size(); h++) {
      out.add(col("_id" + keyNames.indexOf(fes.get(h).name())).cast(DataTypes.IntegerType)
          .as("_fe" + h));
    }
    for (int g = 0; g < clusters.size(); g++) {
      out.add(col("_id" + keyNames.indexOf(clusters.get(g).name())).as("_cluster" + g));
    }
    Dataset<Row> laid = df.select(out.toArray(Column[]::new));
    int partitions = settings.partitions() > 0
        ? settings.partitions()
        : panel.sparkSession().sparkContext().defaultParallelism();
    if (local >= 0) {
      Column id = laid.col("_fe" + local);
      laid = laid.repartition(partitions, id).sortWithinPartitions(id);
    } else if (settings.partitions() > 0) {
      laid = laid.repartition(partitions);
    } else if (laid.rdd().getNumPartitions() > partitions) {
      laid = laid.coalesce(partitions);
    }
    int q = fes.size();
    int c = clusters.size();
    int localDim = local;
    JavaRDD<Block> blocks =
        laid.javaRDD()
            .mapPartitions(it -> List.of(Block.fromRows(it, k, q, c, localDim)).iterator())
            .persist(StorageLevel.MEMORY_AND_DISK());
    long n = blocks.map(b -> (long) b.n).reduce(Long::sum);
    selected.unpersist();
    tables.forEach(Dataset::unpersist);
    long[] clusterLevels =
        clusters.stream().mapToLong(fe -> keyLevels[keyNames.indexOf(fe.name())]).toArray();
    FeLayout layout =
        new FeLayout(fes.stream().map(FixedEffect::name).toList(), feLevels, local);
    return new ModelFrame(blocks, terms, layout,
        clusters.stream().map(FixedEffect::name).toList(), clusterLevels, n, feLevels, dropped,
        List.of());
  }

  private static Column key(FixedEffect fe) {
    if (fe.columns().size() == 1) {
      return col(fe.columns().get(0)).cast(DataTypes.StringType);
    }
    List<Column> parts = new ArrayList<>();
    for (String c : fe.columns()) {
      if (!parts.isEmpty()) {
        parts.add(lit(SEPARATOR));
      }
      parts.add(col(c).cast(DataTypes.StringType));
    }
    return functions.concat(parts.toArray(Column[]::new));
  }

  private static void checkColumns(Dataset<Row> panel, ModelSpec spec, String where) {
    Set<String> have = new LinkedHashSet<>(Arrays.asList(panel.columns()));
    List<String> need = new ArrayList<>();
    need.add(spec.formula().outcome());
    for (Term t : spec.formula().terms()) {
      need.addAll(columnsOf(t));
    }
    spec.formula().fixedEffects().forEach(fe -> need.addAll(fe.columns()));
    if (spec.vcov() instanceof VcovSpec.Cluster c) {
      c.dimensions().forEach(fe -> need.addAll(fe.columns()));
    }
    for (String c : need) {
      if (!have.contains(c)) {
        throw new EstimationException(where + ": column \"" + c + "\" is not in the panel (columns: "
            + String.join(", ", have) + "); fix the formula or vcov in estimate.models; "
            + "nothing was estimated");
      }
    }
  }

  private static List<String> columnsOf(Term t) {
    if (t instanceof Term.Column c) {
      return List.of(c.column());
    } else if (t instanceof Term.Log l) {
      return List.of(l.column());
    } else if (t instanceof Term.WaiverBy) {
      return List.of(PanelColumns.WAIVER_SHARE, PanelColumns.DESTINATION);
    }
    Term.Interaction i = (Term.Interaction) t;
    List<String> out = new ArrayList<>(List.of(i.factor()));
    if (i.value() != null) {
      out.addAll(columnsOf(i.value()));
    }
    return out;
  }

  private static Column valueOf(Term t) {
    if (t instanceof Term.Column c) {
      return col(c.column()).cast(DataTypes.DoubleType);
    }
    // log of a non-positive value is missing (Spark returns null), so the row is dropped.
    return functions.log(col(((Term.Log) t).column()).cast(DataTypes.DoubleType));
  }

  private static void expand(
      Dataset<Row> panel, Term t, List<String> names, List<Column> exprs, String where) {
    if (t instanceof Term.Column || t instanceof Term.Log) {
      names.add(t.label());
      exprs.add(valueOf(t));
    } else if (t instanceof Term.WaiverBy wb) {
      Column dest = col(PanelColumns.DESTINATION);
      Column share = col(PanelColumns.WAIVER_SHARE).cast(DataTypes.DoubleType);
      for (String d : wb.destinations()) {
        names.add(WaiverTerms.of(d));
        exprs.add(when(dest.equalTo(d), share).otherwise(lit(0.0)));
      }
      names.add(WaiverTerms.of(WaiverTerms.OTHER));
      exprs.add(when(dest.isin(wb.destinations().toArray()), lit(0.0)).otherwise(share));
    } else {
      Term.Interaction i = (Term.Interaction) t;
      List<String> levels = factorLevels(panel, i.factor());
      if (i.reference() != null && !levels.contains(i.reference())) {
        throw new EstimationException(where + ": " + i.label() + ": reference level \""
            + i.reference() + "\" is not a value of " + i.factor() + " (values: "
            + String.join(", ", levels.subList(0, Math.min(5, levels.size())))
            + (levels.size() > 5 ? ", ..." : "") + "); nothing was estimated");
      }
      Column factor = col(i.factor()).cast(DataTypes.StringType);
      Column value = i.value() == null ? lit(1.0) : valueOf(i.value());
      for (String level : levels) {
        if (level.equals(i.reference())) {
          continue;
        }
        names.add(i.termName(level));
        exprs.add(when(factor.equalTo(level), value).otherwise(lit(0.0)));
      }
    }
  }

  /** Distinct values of a factor (a few, by nature), numerically sorted when all are numbers. */
  static List<String> factorLevels(Dataset<Row> panel, String factor) {
    List<String> levels = new ArrayList<>();
    for (Row r : panel.select(col(factor).cast(DataTypes.StringType)).where(col(factor).isNotNull())
        .distinct().collectAsList()) {
      levels.add(r.getString(0));
    }
    boolean numeric = levels.stream().allMatch(s -> s.matches("-?\\d+(\\.\\d+)?"));
    if (numeric) {
      levels.sort((a, b) -> Double.compare(Double.parseDouble(a), Double.parseDouble(b)));
    } else {
      levels.sort(String::compareTo);
    }
    return levels;
  }
}
