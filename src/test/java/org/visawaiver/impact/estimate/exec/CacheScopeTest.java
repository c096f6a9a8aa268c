package org.visawaiver.impact.estimate.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.Test;
import org.visawaiver.impact.testing.SharedSpark;

/** What a scope releases: what it holds and has not handed over, never its caller's input. */
class CacheScopeTest {
  private static JavaRDD<Integer> rdd() {
    return JavaSparkContext.fromSparkContext(SharedSpark.spark().sparkContext())
        .parallelize(List.of(1, 2, 3), 1);
  }

  private static boolean cached(JavaRDD<?> r) {
    return !r.getStorageLevel().equals(StorageLevel.NONE());
  }

  @Test
  void closeReleasesWhatIsHeldButNotWhatWasHandedOverOrNeverHeld() {
    Blocks<Integer> input = SparkBlocks.of(rdd().persist(StorageLevel.MEMORY_ONLY()));
    Blocks<Integer> temporary;
    Blocks<Integer> result;
    try (CacheScope scope = new CacheScope()) {
      temporary = scope.own(input.map(x -> x + 1));
      result = scope.own(temporary.map(x -> x * 2));
      assertEquals(18, result.aggregate(() -> 0, Integer::sum, Integer::sum));
      scope.release(input);
      scope.handOver(result);
    }
    assertTrue(cached(input.rdd()), "the caller's input stays cached");
    assertFalse(cached(temporary.rdd()), "the scope's own data is released");
    assertTrue(cached(result.rdd()), "what was handed over is the caller's");
    input.release();
    result.release();
  }

  @Test
  void releaseIsAtOnceAndHoldingTwiceIsOnce() {
    try (CacheScope scope = new CacheScope()) {
      JavaRDD<Integer> a = scope.persist(rdd());
      SparkBlocks<Integer> blocks = SparkBlocks.of(a);
      scope.own(blocks);
      scope.own(blocks);
      assertTrue(scope.holds(a));
      scope.release(a);
      assertFalse(cached(a));
      assertFalse(scope.holds(a));
      assertTrue(scope.holds(blocks));
      scope.release(blocks);
      assertFalse(scope.holds(blocks));
    }
  }
}
