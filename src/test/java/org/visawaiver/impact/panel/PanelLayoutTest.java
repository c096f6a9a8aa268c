package org.visawaiver.impact.panel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.visawaiver.impact.testing.SharedSpark;

/** The panel's partitions: contiguous balanced runs of whole pairs, from the data alone. */
class PanelLayoutTest {
  private static final StructType SCHEMA = new StructType()
      .add("destination", DataTypes.StringType)
      .add("origin", DataTypes.StringType)
      .add("month", DataTypes.StringType)
      .add("arrivals", DataTypes.LongType);

  @Test
  void pairsAreCutIntoRunsOfAboutEqualRows() {
    // 100 rows in 4 runs: shares 25, 50, 75; a run closes on the pair that reaches its share,
    // in Spark order A B C D E: A 30 (30 >= 25) | B 20 (50 >= 50) | C 10, D 25 (85 >= 75) | E 15.
    List<PanelLayout.Pair> pairs = List.of(new PanelLayout.Pair("E", "x", 15),
        new PanelLayout.Pair("A", "x", 30), new PanelLayout.Pair("C", "x", 10),
        new PanelLayout.Pair("B", "x", 20), new PanelLayout.Pair("D", "x", 25));
    assertArrayEquals(new int[] {0, 1, 2, 2, 3}, PanelLayout.runs(pairs, 4));
    // More runs than pairs: A 30 of 45 rows fills the shares of runs 0 to 4 (30 * 8 >= 5 * 45),
    // so E starts run 5 and runs 1 to 4, 6 and 7 stay empty.
    assertArrayEquals(new int[] {0, 5}, PanelLayout.runs(pairs.subList(0, 2), 8));
  }

  @Test
  void stringsInSparkOrderByUtf8Bytes() {
    // Java orders U+FF21 (fullwidth A) after U+10000 (a surrogate pair, 0xD800...) by UTF-16 units;
    // Spark orders by UTF-8 bytes: EF BC A1 before F0 90 80 80.
    List<PanelLayout.Pair> pairs = List.of(new PanelLayout.Pair("\uD800\uDC00", "x", 1),
        new PanelLayout.Pair("\uFF21", "x", 1));
    assertEquals("\uFF21", PanelLayout.inSparkOrder(pairs).get(0).destination());
  }

  @Test
  void theKeyOfARunHashesToItsPartition() {
    SparkSession spark = SharedSpark.spark();
    int partitions = 5;
    List<Row> keys = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      keys.add(RowFactory.create(PanelLayout.keyFor(p, partitions)));
    }
    List<List<Row>> parts = spark.createDataFrame(keys, new StructType().add("k", DataTypes.IntegerType))
        .repartition(partitions, org.apache.spark.sql.functions.col("k")).javaRDD().glom().collect();
    for (int p = 0; p < partitions; p++) {
      assertEquals(List.of(keys.get(p)), parts.get(p), "partition " + p);
    }
  }

  @Test
  void sortedRowsInTheSamePartitionsWhateverTheInputPartitions() {
    List<Row> rows = new ArrayList<>();
    String[] destinations = {"THA", "KHM", "VNM"};
    String[] origins = {"USA", "JPN"};
    for (String o : origins) {
      for (String d : destinations) {
        for (int m = 12; m >= 1; m--) {
          rows.add(RowFactory.create(d, o, String.format("2020-%02d", m), (long) m));
        }
      }
    }
    List<PanelLayout.Pair> pairs = new ArrayList<>();
    for (String d : destinations) {
      for (String o : origins) {
        pairs.add(new PanelLayout.Pair(d, o, 12));
      }
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(SharedSpark.spark().sparkContext());
    List<List<Row>> first = null;
    for (int slices : new int[] {1, 3, 7}) {
      Dataset<Row> input = SharedSpark.spark().createDataFrame(jsc.parallelize(rows, slices), SCHEMA);
      List<List<Row>> parts = PanelLayout.sorted(input, pairs, 3).javaRDD().glom().collect();
      if (first == null) {
        first = parts;
      }
      assertEquals(first, parts, slices + " input partitions");
    }
    // 6 pairs of 12 rows in 3 runs: KHM (JPN, USA) | THA (JPN, USA) | VNM (JPN, USA), months in order.
    assertEquals(3, first.size());
    for (int p = 0; p < 3; p++) {
      assertEquals(24, first.get(p).size());
      assertEquals(destinations[new int[] {1, 0, 2}[p]], first.get(p).get(0).getString(0));
      assertEquals("JPN", first.get(p).get(0).getString(1));
      assertEquals("2020-01", first.get(p).get(0).getString(2));
      assertEquals("USA", first.get(p).get(23).getString(1));
      assertEquals("2020-12", first.get(p).get(23).getString(2));
    }
    assertEquals(List.of(SCHEMA.fieldNames()),
        List.of(PanelLayout.sorted(SharedSpark.spark().createDataFrame(rows, SCHEMA), pairs, 3).columns()));
  }
}
