package org.visawaiver.impact.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.Test;
import org.visawaiver.impact.estimate.exec.Blocks;
import org.visawaiver.impact.estimate.frame.Block;
import org.visawaiver.impact.estimate.frame.ModelFrame;
import org.visawaiver.impact.estimate.frame.ModelFrameBuilder;
import org.visawaiver.impact.estimate.frame.ObservationFilter;
import org.visawaiver.impact.estimate.ppml.ReluSeparation;
import org.visawaiver.impact.estimate.spec.EstimationSettings;
import org.visawaiver.impact.estimate.spec.ModelSpec;
import org.visawaiver.impact.testing.SharedSpark;

/**
 * The observation filters drop rows into new cached blocks and leave their input's blocks to the
 * caller, cached (they used to unpersist them); the caller releases both.
 */
class FrameOwnershipTest {
  /**
   * Levels a..e of o, four rows each, and one singleton level f; x = 1 exactly on the two zero
   * outcomes (x separates them: ReLU drops both).
   */
  private static Dataset<Row> panel() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      boolean zero = i == 3 || i == 8;
      rows.add(RowFactory.create(zero ? 0.0 : 1.0 + i % 7, zero ? 1.0 : 0.0, Math.cos(i),
          String.valueOf((char) ('a' + i / 4))));
    }
    rows.add(RowFactory.create(2.0, 0.0, 0.5, "f"));
    StructType schema = new StructType().add("y", DataTypes.DoubleType)
        .add("x", DataTypes.DoubleType).add("z", DataTypes.DoubleType)
        .add("o", DataTypes.StringType);
    return SharedSpark.spark().createDataFrame(rows, schema);
  }

  private static boolean cached(Blocks<Block> blocks) {
    return !blocks.rdd().getStorageLevel().equals(StorageLevel.NONE());
  }

  @Test
  void filtersLeaveTheirInputCachedForTheCaller() {
    ModelSpec spec = ModelSpec.of("m", "ppml", "y ~ x + z | o", "iid");
    EstimationSettings settings = EstimationFixtures.settings(List.of());
    ModelFrame built = ModelFrameBuilder.build(panel(), spec, settings);
    ModelFrame filtered = ObservationFilter.apply(built, true, true);
    assertEquals(1L, filtered.dropped().get(ObservationFilter.SINGLETONS));
    assertNotSame(built.blocks(), filtered.blocks());
    assertTrue(cached(built.blocks()), "the builder's blocks are the caller's to release");
    ModelFrame separated = ReluSeparation.apply(filtered, settings);
    assertEquals(2L, separated.dropped().get(ReluSeparation.SEPARATION_RELU));
    assertTrue(cached(filtered.blocks()), "the filtered blocks are the caller's to release");
    assertTrue(cached(separated.blocks()));
    assertEquals(18, separated.observations());
    for (ModelFrame f : List.of(built, filtered, separated)) {
      f.blocks().release();
    }
  }
}
