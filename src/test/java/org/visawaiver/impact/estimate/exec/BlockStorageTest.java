package org.visawaiver.impact.estimate.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.visawaiver.impact.config.InputException;
import org.visawaiver.impact.testing.SharedSpark;

/** estimate.storage-level reaches every cache of the estimation; a wrong name stops with the key. */
class BlockStorageTest {
  private final SparkContext sc = SharedSpark.spark().sparkContext();

  @AfterEach
  void backToTheDefault() {
    sc.setLocalProperty(BlockStorage.PROPERTY, null);
  }

  @Test
  void theConfiguredLevelIsUsedByScopesAndDerivedBlocks() {
    JavaRDD<Integer> data = JavaSparkContext.fromSparkContext(sc).parallelize(List.of(1, 2, 3), 2);
    try (CacheScope cache = new CacheScope()) {
      assertEquals(StorageLevel.MEMORY_AND_DISK(), cache.persist(data).getStorageLevel(), "the default");
    }
    assertEquals(StorageLevel.MEMORY_AND_DISK_SER(), BlockStorage.use(sc, " memory_and_disk_ser"));
    try (CacheScope cache = new CacheScope()) {
      JavaRDD<Integer> cached = cache.persist(data.map(x -> x + 1));
      assertEquals(StorageLevel.MEMORY_AND_DISK_SER(), cached.getStorageLevel());
      Blocks<Integer> doubled = cache.own(SparkBlocks.of(cached).map(x -> 2 * x));
      assertEquals(StorageLevel.MEMORY_AND_DISK_SER(), doubled.rdd().getStorageLevel());
    }
  }

  @Test
  void aLevelThatKeepsNothingOrIsUnknownStops() {
    InputException e = assertThrows(InputException.class, () -> BlockStorage.use(sc, "MEMORY_AND_SSD"));
    assertEquals("estimate.storage-level = \"MEMORY_AND_SSD\" is not a Spark storage level that keeps data (e.g."
        + " MEMORY_AND_DISK, the default, or MEMORY_AND_DISK_SER, DISK_ONLY); nothing was estimated", e.getMessage());
    assertThrows(InputException.class, () -> BlockStorage.use(sc, "NONE"));
    assertEquals(StorageLevel.MEMORY_AND_DISK(), BlockStorage.level(sc), "a rejected level is not set");
  }
}
