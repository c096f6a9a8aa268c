package org.visawaiver.impact.spark;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.visawaiver.impact.testing.SharedSpark;

/** The short-plan view of a cached Dataset has its rows in its partitions, and a one-scan plan. */
class CachedTableTest {
  @Test
  void sameRowsInTheSamePartitionsBehindAPlanWithoutTheCachedLineage() {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(SharedSpark.spark().sparkContext());
    Dataset<Row> source = SharedSpark.spark().createDataFrame(jsc.parallelize(List.of(
            RowFactory.create("b", 2.0), RowFactory.create("a", null), RowFactory.create("c", 0.1),
            RowFactory.create("d", 0.25), RowFactory.create("e", -1.5)), 3),
        DataTypes.createStructType(List.of(
            DataTypes.createStructField("name", DataTypes.StringType, true),
            DataTypes.createStructField("x", DataTypes.DoubleType, true))));
    Dataset<Row> inner = source.withColumn("y", col("x").multiply(2)).cache();
    Dataset<Row> cached = inner.filter(col("name").notEqual("c")).cache();
    try {
      Dataset<Row> shortPlan = CachedTable.shortPlan(cached);

      assertEquals(cached.javaRDD().glom().collect(), shortPlan.javaRDD().glom().collect(),
          "same rows in the same partitions, in the same order");
      assertEquals(List.of(cached.schema().fields()), List.of(shortPlan.schema().fields()));
      String longPlan = cached.groupBy("name").count().queryExecution().executedPlan().toString();
      String plan = shortPlan.groupBy("name").count().queryExecution().executedPlan().toString();
      assertTrue(longPlan.contains("InMemoryRelation"), longPlan);
      assertFalse(plan.contains("InMemoryRelation"), plan);
      assertTrue(plan.contains("Scan ExistingRDD"), plan);
    } finally {
      cached.unpersist();
      inner.unpersist();
    }
  }
}
