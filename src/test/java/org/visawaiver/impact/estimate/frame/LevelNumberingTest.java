package org.visawaiver.impact.estimate.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.visawaiver.impact.estimate.spec.EstimationException;
import org.visawaiver.impact.config.JobConfig;
import org.visawaiver.impact.estimate.spec.EstimationSettings;
import org.visawaiver.impact.estimate.spec.ModelSpec;
import org.visawaiver.impact.testing.SharedSpark;

/**
 * Level numbering of {@link ModelFrameBuilder}: ids are the positions of the sorted level strings
 * (String order, so "10" before "9"), whatever the partitioning, on the driver-dictionary path and
 * on the join path taken when a key has more than broadcast-max-levels levels; dropped counts are
 * the same on both paths.
 */
class LevelNumberingTest {
  private static final String[] ORIGINS = {"b", "a", "\u00e9", "Z", "aa", "10", "9"};
  private static final String[] DESTINATIONS = {"y", "x", "w"};
  private static final int ROWS = 42;

  /** Row i: y = i + 1 (identifies the row), origin and destination cycle through the lists. */
  private static Dataset<Row> panel() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      rows.add(RowFactory.create((double) (i + 1), Math.sin(i), ORIGINS[i % ORIGINS.length],
          DESTINATIONS[i % 5 % DESTINATIONS.length]));
    }
    StructType schema = new StructType().add("y", DataTypes.DoubleType)
        .add("x", DataTypes.DoubleType).add("o", DataTypes.StringType)
        .add("d", DataTypes.StringType);
    return SharedSpark.spark().createDataFrame(rows, schema);
  }

  private static EstimationSettings settings(String... overrides) {
    return EstimationSettings.from(JobConfig.load(null, false, List.of(overrides))
        .section("estimate"));
  }

  private static String origin(int i) {
    return ORIGINS[i % ORIGINS.length];
  }

  private static String destination(int i) {
    return DESTINATIONS[i % 5 % DESTINATIONS.length];
  }

  private static String pair(int i) {
    return origin(i) + "\u001f" + destination(i);
  }

  /** The sorted distinct values of a key over the rows, as a list (index = expected id). */
  private static List<String> sorted(java.util.function.IntFunction<String> key) {
    TreeSet<String> s = new TreeSet<>();
    for (int i = 0; i < ROWS; i++) {
      s.add(key.apply(i));
    }
    return new ArrayList<>(s);
  }

  /** Every row's ids, checked against the sorted levels; returns the rows seen. */
  private static int checkIds(ModelFrame frame, List<java.util.function.IntFunction<String>> fes,
      List<java.util.function.IntFunction<String>> clusters) {
    int seen = 0;
    for (Block b : frame.blocks().rdd().collect()) {
      for (int r = 0; r < b.n; r++) {
        int i = (int) b.y[r] - 1;
        for (int h = 0; h < fes.size(); h++) {
          assertEquals(sorted(fes.get(h)).indexOf(fes.get(h).apply(i)), b.fe[h][r],
              "fixed effect " + h + ", row " + i);
        }
        for (int g = 0; g < clusters.size(); g++) {
          assertEquals(sorted(clusters.get(g)).indexOf(clusters.get(g).apply(i)),
              b.clusters[g][r], "cluster " + g + ", row " + i);
        }
        seen++;
      }
    }
    frame.blocks().release();
    return seen;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void driverDictionaryNumbersSortedLevelsWhateverThePartitioning(int partitions) {
    ModelSpec spec = ModelSpec.of("m", "ppml", "y ~ x | o + o^d", "cluster(d)");
    ModelFrame frame = ModelFrameBuilder.build(panel(), spec,
        settings("estimate.partitions=" + partitions));
    assertEquals(-1, frame.layout().local());
    assertEquals(partitions, frame.blocks().partitions());
    assertArrayEquals(new long[] {ORIGINS.length, sorted(LevelNumberingTest::pair).size()},
        frame.layout().levels());
    assertEquals(ROWS, frame.observations());
    assertEquals(ROWS, checkIds(frame,
        List.of(LevelNumberingTest::origin, LevelNumberingTest::pair),
        List.of(LevelNumberingTest::destination)));
  }

  @Test
  void keyAboveTheLimitTakesTheJoinPathWithTheSameIds() {
    // o^d has more than 4 levels: it becomes the local fixed effect (data sorted by it).
    ModelSpec spec = ModelSpec.of("m", "ppml", "y ~ x | d + o^d", "cluster(o)");
    ModelFrame frame = ModelFrameBuilder.build(panel(), spec,
        settings("estimate.partitions=3", "estimate.broadcast-max-levels=4"));
    assertEquals(1, frame.layout().local());
    assertEquals(ROWS, checkIds(frame,
        List.of(LevelNumberingTest::destination, LevelNumberingTest::pair),
        List.of(LevelNumberingTest::origin)));
  }

  @Test
  void clusterKeyAboveTheLimitTakesTheJoinPath() {
    ModelSpec spec = ModelSpec.of("m", "ppml", "y ~ x | d", "cluster(o^d)");
    ModelFrame frame = ModelFrameBuilder.build(panel(), spec,
        settings("estimate.partitions=2", "estimate.broadcast-max-levels=4"));
    assertEquals(-1, frame.layout().local());
    assertEquals(ROWS, checkIds(frame, List.of(LevelNumberingTest::destination),
        List.of(LevelNumberingTest::pair)));
  }

  /** Row identity (y) -> ids of every fixed effect and cluster dimension. */
  private static Map<Integer, List<Long>> idsByRow(ModelFrame frame) {
    Map<Integer, List<Long>> out = new java.util.HashMap<>();
    for (Block b : frame.blocks().rdd().collect()) {
      for (int r = 0; r < b.n; r++) {
        List<Long> ids = new ArrayList<>();
        for (int[] fe : b.fe) {
          ids.add((long) fe[r]);
        }
        for (long[] c : b.clusters) {
          ids.add(c[r]);
        }
        out.put((int) b.y[r], ids);
      }
    }
    frame.blocks().release();
    return out;
  }

  /**
   * Thousands of levels (the local pair tables grow), numeric columns (numbered by their
   * strings) and a three-column key: the same ids as the join path.
   */
  @Test
  void manyLevelsAndNumericColumnsMatchTheJoinPath() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      rows.add(RowFactory.create((double) (i + 1), Math.cos(i), i % 97, (long) (i % 89),
          "m" + i % 5));
    }
    StructType schema = new StructType().add("y", DataTypes.DoubleType)
        .add("x", DataTypes.DoubleType).add("a", DataTypes.IntegerType)
        .add("b", DataTypes.LongType).add("c", DataTypes.StringType);
    Dataset<Row> data = SharedSpark.spark().createDataFrame(rows, schema);
    ModelSpec spec = ModelSpec.of("m", "ppml", "y ~ x | a^b + b^c", "cluster(a, c^b^a)");
    ModelFrame dictionary = ModelFrameBuilder.build(data, spec, settings("estimate.partitions=3"));
    ModelFrame joins = ModelFrameBuilder.build(data, spec,
        settings("estimate.partitions=3", "estimate.broadcast-max-levels=500"));
    assertEquals(-1, dictionary.layout().local());
    assertEquals(0, joins.layout().local());
    assertArrayEquals(joins.layout().levels(), dictionary.layout().levels());
    assertArrayEquals(new long[] {3000, 445}, dictionary.layout().levels());
    assertEquals(idsByRow(joins), idsByRow(dictionary));
  }

  /** Missing outcome, missing regressor, missing key and zero outcome, counted on both paths. */
  @ParameterizedTest
  @ValueSource(longs = {2000000, 2})
  void droppedCountsAreTheSameOnBothPaths(long maxLevels) {
    Dataset<Row> data = panel().selectExpr(
        "CASE WHEN y = 1 THEN NULL WHEN y = 2 THEN 0.0 ELSE y END AS y",
        "CASE WHEN y IN (3, 4) THEN double('NaN') ELSE x END AS x",
        "CASE WHEN y = 5 THEN NULL ELSE o END AS o", "d");
    ModelSpec spec = ModelSpec.of("m", "ols", "y ~ x | o", "iid");
    ModelFrame frame = ModelFrameBuilder.build(data, spec,
        settings("estimate.broadcast-max-levels=" + maxLevels));
    Map<String, Long> expected = new LinkedHashMap<>();
    expected.put(ModelFrameBuilder.MISSING_OUTCOME, 1L);
    expected.put(ModelFrameBuilder.MISSING_REGRESSOR, 3L);
    expected.put(ModelFrameBuilder.ZERO_OUTCOME_FOR_LOG, 1L);
    assertEquals(expected, frame.dropped());
    assertEquals(ROWS - 5, frame.observations());
    assertEquals(maxLevels == 2 ? 0 : -1, frame.layout().local());
    // OLS models the log of the outcome: the value Spark's log gives.
    for (Block b : frame.blocks().rdd().collect()) {
      for (double v : b.y) {
        int i = (int) Math.round(Math.exp(v)) - 1;
        assertEquals(StrictMath.log(i + 1), v, 0.0);
      }
    }
    frame.blocks().release();
  }

  @Test
  void negativeOutcomeIsRejected() {
    Dataset<Row> data = panel().selectExpr("CASE WHEN y < 3 THEN -y ELSE y END AS y", "x", "o",
        "d");
    ModelSpec spec = ModelSpec.of("neg", "ppml", "y ~ x | o", "iid");
    EstimationException e = assertThrows(EstimationException.class,
        () -> ModelFrameBuilder.build(data, spec, settings()));
    assertEquals("model \"neg\": outcome y is negative in 2 rows; counts must be >= 0; "
        + "nothing was estimated", e.getMessage());
  }

  /**
   * With estimate.partitions = 0 an input split finer than Spark's default parallelism (a panel
   * out of a shuffle) is coalesced to it on both paths, so a pass is one task per core and
   * treeAggregate adds no shuffle level; an explicit setting is kept. With the limit at 3, o is
   * partitioned and also the cluster dimension (that once made its column name ambiguous).
   */
  @ParameterizedTest
  @ValueSource(longs = {2_000_000L, 3L})
  void inputFinerThanTheCoresIsCoalescedUnlessPartitionsAreSet(long maxLevels) {
    ModelSpec spec = ModelSpec.of("m", "ppml", "y ~ x | o + d", "cluster(o)");
    int cores = SharedSpark.spark().sparkContext().defaultParallelism();
    Dataset<Row> fine = panel().repartition(8);
    ModelFrame frame = ModelFrameBuilder.build(fine, spec,
        settings("estimate.broadcast-max-levels=" + maxLevels));
    assertEquals(Math.min(8, cores), frame.blocks().partitions());
    assertEquals(ROWS, checkIds(frame, List.of(LevelNumberingTest::origin,
        LevelNumberingTest::destination), List.of(LevelNumberingTest::origin)));
    ModelFrame set = ModelFrameBuilder.build(fine, spec,
        settings("estimate.partitions=5", "estimate.broadcast-max-levels=" + maxLevels));
    assertEquals(5, set.blocks().partitions());
    frame.blocks().release();
    set.blocks().release();
  }

  /**
   * Levels are numbered as packed integer tuples of the columns' value ranks; their ids must still
   * be the positions of the joined strings in String order, also when a value is a prefix of
   * another and when a value has characters below the separator (then the tuple order and the
   * string order differ: "A\u0001" sorts before "A" + separator, the tuple puts "A" first).
   */
  @ParameterizedTest
  @ValueSource(longs = {2_000_000L, 4L})
  void prefixesAndControlCharactersGetTheIdsOfTheSortedStrings(long maxLevels) {
    String[] origins = {"A", "A\u0001", "AB", "", "A\u0001B", "B", "\u00e9"};
    String[] destinations = {"x", "", "xy", "\u0002"};
    List<Row> rows = new ArrayList<>();
    int n = origins.length * destinations.length * 2;
    for (int i = 0; i < n; i++) {
      rows.add(RowFactory.create((double) (i + 1), Math.sin(i), origins[i % origins.length],
          destinations[i / 3 % destinations.length]));
    }
    StructType schema = new StructType().add("y", DataTypes.DoubleType)
        .add("x", DataTypes.DoubleType).add("o", DataTypes.StringType)
        .add("d", DataTypes.StringType);
    Dataset<Row> data = SharedSpark.spark().createDataFrame(rows, schema);
    ModelSpec spec = ModelSpec.of("m", "ppml", "y ~ x | o^d", "cluster(d^o)");
    ModelFrame frame = ModelFrameBuilder.build(data, spec,
        settings("estimate.partitions=3", "estimate.broadcast-max-levels=" + maxLevels));
    java.util.function.IntFunction<String> od =
        i -> origins[i % origins.length] + "\u001f" + destinations[i / 3 % destinations.length];
    java.util.function.IntFunction<String> d_o =
        i -> destinations[i / 3 % destinations.length] + "\u001f" + origins[i % origins.length];
    List<java.util.function.IntFunction<String>> keys = List.of(od, d_o);
    int seen = 0;
    for (Block b : frame.blocks().rdd().collect()) {
      for (int r = 0; r < b.n; r++) {
        int i = (int) b.y[r] - 1;
        for (int h = 0; h < 2; h++) {
          TreeSet<String> levels = new TreeSet<>();
          for (int row = 0; row < n; row++) {
            levels.add(keys.get(h).apply(row));
          }
          long id = h == 0 ? b.fe[0][r] : b.clusters[0][r];
          assertEquals(new ArrayList<>(levels).indexOf(keys.get(h).apply(i)), id,
              "key " + h + ", row " + i);
        }
        seen++;
      }
    }
    frame.blocks().release();
    assertEquals(n, seen);
  }

  /**
   * Under a serialized storage level (data larger than memory) the input's partitions are kept as
   * blocks, however many: coalescing a big panel to the cores would make blocks too large to store
   * or decode one at a time.
   */
  @Test
  void serializedStorageKeepsTheInputPartitions() {
    ModelSpec spec = ModelSpec.of("m", "ppml", "y ~ x | o + d", "cluster(o)");
    org.apache.spark.SparkContext sc = SharedSpark.spark().sparkContext();
    try {
      org.visawaiver.impact.estimate.exec.BlockStorage.use(sc, "MEMORY_AND_DISK_SER");
      ModelFrame frame = ModelFrameBuilder.build(panel().repartition(8), spec, settings());
      assertEquals(8, frame.blocks().partitions());
      assertEquals(ROWS, checkIds(frame, List.of(LevelNumberingTest::origin,
          LevelNumberingTest::destination), List.of(LevelNumberingTest::origin)));
    } finally {
      org.visawaiver.impact.estimate.exec.BlockStorage.use(sc, "MEMORY_AND_DISK");
    }
  }
}
