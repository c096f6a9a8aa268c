package org.visawaiver.impact.estimate.demean;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.visawaiver.impact.config.JobConfig;
import org.visawaiver.impact.estimate.exec.Blocks;
import org.visawaiver.impact.estimate.frame.Block;
import org.visawaiver.impact.estimate.frame.ModelFrame;
import org.visawaiver.impact.estimate.frame.ModelFrameBuilder;
import org.visawaiver.impact.estimate.spec.EstimationSettings;
import org.visawaiver.impact.estimate.spec.ModelSpec;
import org.visawaiver.impact.testing.SharedSpark;

/**
 * Sums taken along in a solve's first pass ({@link Demeaner.FirstPass}, how PPML's IRLS gets the
 * deviance without a job of its own): they are the sums of a pass of their own, the tolerance
 * they set is the one the solve uses, and NaN stops the solve.
 */
class DemeanerFirstPassTest {
  private static final int ROWS = 300;

  private static ModelFrame frame() {
    List<Row> rows = new ArrayList<>();
    // Three crossed, unbalanced fixed effects: conjugate gradients needs several passes, more
    // the tighter the tolerance.
    for (int i = 0; i < ROWS; i++) {
      rows.add(RowFactory.create(1.0 + (i * 7) % 11 + i % 13, Math.sin(i), "o" + i % 9,
          "d" + (i * i + i / 9) % 8, "m" + (i / 3) % 7));
    }
    StructType schema = new StructType().add("y", DataTypes.DoubleType)
        .add("x", DataTypes.DoubleType).add("o", DataTypes.StringType)
        .add("d", DataTypes.StringType).add("m", DataTypes.StringType);
    Dataset<Row> data = SharedSpark.spark().createDataFrame(rows, schema);
    EstimationSettings settings = EstimationSettings.from(
        JobConfig.load(null, false, List.of("estimate.partitions=2")).section("estimate"));
    return ModelFrameBuilder.build(data, ModelSpec.of("m", "ppml", "y ~ x | o + d + m", "iid"),
        settings);
  }

  /** Σ y and the row count; records the sums it saw and returns a fixed tolerance. */
  private static final class Recorder implements Demeaner.FirstPass {
    private final double tolerance;
    double[] seen;

    Recorder(double tolerance) {
      this.tolerance = tolerance;
    }

    @Override
    public int length() {
      return 2;
    }

    @Override
    public Blocks.Contribution<Block> contribution() {
      return (b, acc) -> {
        for (double v : b.y) {
          acc[0] += v;
        }
        acc[1] += b.n;
      };
    }

    @Override
    public double tolerance(double[] sums) {
      seen = sums.clone();
      return tolerance;
    }
  }

  @Test
  void firstPassSumsAndTheToleranceTheySet() {
    ModelFrame frame = frame();
    Blocks<Block> blocks = frame.blocks();
    int[] cols = {0, 1};
    Demeaner.Solution tight =
        new Demeaner(blocks, frame.layout(), 1e-12, 1000).solve(cols, null);
    Demeaner.Solution loose =
        new Demeaner(blocks, frame.layout(), 1e-3, 1000).solve(cols, null);
    Recorder recorder = new Recorder(1e-12);
    // Constructed loose; the first pass sets the tight tolerance.
    Demeaner.Solution taken =
        new Demeaner(blocks, frame.layout(), 1e-3, 1000).solve(cols, null, recorder);
    double sumY = blocks.sum(1, (b, acc) -> {
      for (double v : b.y) {
        acc[0] += v;
      }
    })[0];
    assertArrayEquals(new double[] {sumY, ROWS}, recorder.seen, 1e-9);
    assertEquals(tight.iterations(), taken.iterations());
    assertEquals(true, loose.iterations() < tight.iterations(), "the tolerances differ in passes");
    for (int c = 0; c < cols.length; c++) {
      assertArrayEquals(tight.coef()[c], taken.coef()[c], 0.0);
    }
    assertArrayEquals(tight.crossSums(), taken.crossSums(), 0.0);
    assertNull(new Demeaner(blocks, frame.layout(), 1e-12, 1000)
        .solve(cols, null, new Recorder(Double.NaN)));
    blocks.release();
  }
}
