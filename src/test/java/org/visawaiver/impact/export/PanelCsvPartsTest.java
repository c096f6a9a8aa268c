package org.visawaiver.impact.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.visawaiver.impact.testing.SharedSpark;

/** panel.csv is written by the tasks in parts and joined in partition order behind one header. */
class PanelCsvPartsTest {
  @TempDir Path dir;

  @Test
  void partsAreJoinedInTheTablesOrderAndRemoved() throws IOException {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(SharedSpark.spark().sparkContext());
    Dataset<Row> table = SharedSpark.spark().createDataFrame(jsc.parallelize(List.of(
            RowFactory.create("=c", 2.0), RowFactory.create("a", null), RowFactory.create("b", 0.1),
            RowFactory.create("d,e", 0.25)), 3),
        DataTypes.createStructType(List.of(
            DataTypes.createStructField("name", DataTypes.StringType, true),
            DataTypes.createStructField("x", DataTypes.DoubleType, true))));
    PanelExport.writeCsv(table, dir.resolve("panel.csv"));
    assertEquals(List.of("name,x", "'=c,2", "a,", "b,0.1", "\"d,e\",0.25"),
        Files.readAllLines(dir.resolve("panel.csv")));
    try (var left = Files.list(dir)) {
      assertEquals(List.of(dir.resolve("panel.csv")), left.toList(), "no part files left");
    }
    assertEquals(3, table.rdd().getNumPartitions());
  }
}
