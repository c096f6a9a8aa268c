package org.visawaiver.impact.estimate.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.Test;
import org.visawaiver.impact.testing.SharedSpark;

/** estimate.executor: the choice rule, the move into driver memory, and the two executors' sums. */
class ExecutorSettingsTest {
  private static JavaSparkContext jsc() {
    return JavaSparkContext.fromSparkContext(SharedSpark.spark().sparkContext());
  }

  @Test
  void autoPicksLocalOnALocalMasterWhenTheBlocksFitTheHeapShare() {
    long heap = Runtime.getRuntime().maxMemory();
    ExecutorSettings auto = ExecutorSettings.of("auto", 0.5);
    assertEquals(Blocks.Executor.LOCAL, auto.choose(jsc(), heap / 4, "test"));
    assertEquals(Blocks.Executor.SPARK, auto.choose(jsc(), heap, "test"));
    assertEquals(Blocks.Executor.LOCAL, ExecutorSettings.of("local", 0.5).choose(jsc(), heap, "t"));
    assertEquals(Blocks.Executor.SPARK, ExecutorSettings.of(" Spark ", 0.5).choose(jsc(), 1, "t"));
  }

  @Test
  void anUnknownModeOrShareNamesTheKeyAndTheAllowedValues() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ExecutorSettings.of("driver", 0.5));
    assertEquals("estimate.executor must be auto, local or spark, found \"driver\"; the "
        + "estimation did not start", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ExecutorSettings.of("auto", 1.5));
    assertEquals("estimate.local-heap-share must be in (0, 1], found 1.5; the estimation did not "
        + "start", e.getMessage());
  }

  @Test
  void localBlocksAreTheSparkBlocksAndSumFoldMapZipAndRegroupAlike() {
    Blocks<double[]> spark = SparkBlocks.of(jsc().parallelize(List.of(new double[] {1, 2},
        new double[] {3}, new double[] {4, 5, 6}), 2).persist(StorageLevel.MEMORY_ONLY()));
    Blocks<double[]> local = ExecutorSettings.of("local", 0.5).place(spark, 1, "test");
    assertEquals(Blocks.Executor.LOCAL, local.executor());
    assertEquals(2, local.partitions());
    for (Blocks<double[]> b : List.of(spark, local)) {
      assertArrayEquals(new double[] {21, 6}, b.sum(2, (x, acc) -> {
        for (double v : x) {
          acc[0] += v;
        }
        acc[1] += x.length;
      }));
      assertEquals(6.0, b.aggregate(() -> new double[1], (acc, x) -> {
        acc[0] = Math.max(acc[0], x[x.length - 1]);
        return acc;
      }, (p, q) -> new double[] {Math.max(p[0], q[0])})[0]);
      Blocks<double[]> twice = b.map(x -> java.util.Arrays.stream(x).map(v -> 2 * v).toArray());
      Blocks<double[]> both = b.zip(twice, (x, y) -> new double[] {x[0] + y[0]});
      assertArrayEquals(new double[] {3 + 9 + 12}, both.sum(1, (x, acc) -> acc[0] += x[0]));
      Blocks<double[]> byParity = b.regroup(x -> java.util.Arrays.stream(x)
          .mapToObj(v -> new scala.Tuple2<>((long) v % 2, v)).iterator(), rows -> {
            double s = 0;
            while (rows.hasNext()) {
              s += rows.next()._2();
            }
            return List.of(new double[] {s}).iterator();
          });
      assertArrayEquals(new double[] {21}, byParity.sum(1, (x, acc) -> acc[0] += x[0]));
      Shared<Double> three = b.share(3.0);
      assertArrayEquals(new double[] {18}, b.sum(1, (x, acc) -> acc[0] += three.value() * x.length));
      twice.release();
      both.release();
      byParity.release();
    }
    local.release();
    assertThrows(IllegalStateException.class, () -> local.sum(1, (x, acc) -> { }));
  }
}
