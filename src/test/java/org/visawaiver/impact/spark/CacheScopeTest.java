package org.visawaiver.impact.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
    JavaRDD<Integer> input = rdd().persist(StorageLevel.MEMORY_ONLY());
    JavaRDD<Integer> temporary;
    JavaRDD<Integer> result;
    try (CacheScope scope = new CacheScope()) {
      temporary = scope.persist(input.map(x -> x + 1));
      result = scope.persist(temporary.map(x -> x * 2));
      assertEquals(18, result.reduce(Integer::sum));
      scope.release(input);
      scope.handOver(result);
    }
    assertTrue(cached(input), "the caller's input stays cached");
    assertFalse(cached(temporary), "the scope's own data is released");
    assertTrue(cached(result), "what was handed over is the caller's");
    input.unpersist();
    result.unpersist();
  }

  @Test
  void releaseIsAtOnceAndHoldingTwiceIsOnce() {
    try (CacheScope scope = new CacheScope()) {
      JavaRDD<Integer> a = scope.own(scope.persist(rdd()));
      assertTrue(scope.holds(a));
      scope.release(a);
      assertFalse(cached(a));
      assertFalse(scope.holds(a));
    }
  }

  @Test
  void onlyCachedDataCanBeHeld() {
    try (CacheScope scope = new CacheScope()) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> scope.own("text"));
      assertEquals("not cached data: java.lang.String", e.getMessage());
    }
  }
}
