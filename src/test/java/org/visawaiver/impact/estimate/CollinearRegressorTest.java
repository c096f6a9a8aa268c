package org.visawaiver.impact.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.visawaiver.impact.estimate.fit.ModelFitter;
import org.visawaiver.impact.estimate.result.FitResult;
import org.visawaiver.impact.estimate.spec.EstimationSettings;
import org.visawaiver.impact.estimate.spec.ModelSpec;
import org.visawaiver.impact.testing.SharedSpark;

/**
 * A regressor that is collinear with others only once the fixed effects are absorbed (as
 * voa_share is when every visa-on-arrival spell ends in a waiver: voa = 1 - waiver within a pair)
 * is dropped with a note, by PPML as by OLS, and the rest is estimated; the first IRLS iteration
 * demeans loosely, so collinearity must not be judged on those columns alone.
 */
class CollinearRegressorTest {
  @Test
  void aShareCollinearGivenThePairEffectIsDroppedNotFatal() {
    StructType schema = new StructType().add("pair", DataTypes.StringType).add("t", DataTypes.StringType)
        .add("y", DataTypes.DoubleType).add("waiver", DataTypes.DoubleType).add("voa", DataTypes.DoubleType)
        .add("z", DataTypes.DoubleType);
    SplittableRandom r = new SplittableRandom(11);
    List<Row> rows = new ArrayList<>();
    for (int p = 0; p < 30; p++) {
      int start = 5 + p % 20;
      double level = r.nextDouble() * 2;
      for (int t = 0; t < 36; t++) {
        double waiver = p % 3 == 0 ? 0 : t < start ? 0 : t == start ? 0.4 : 1;
        // Every waiver replaces visa on arrival: voa = 1 - waiver in those pairs, 0 in the others,
        // so voa + waiver is constant within each pair (absorbed by the pair effect).
        double voa = p % 3 == 0 ? 0 : 1 - waiver;
        double z = r.nextGaussian();
        double mu = Math.exp(2 + level + 0.05 * t + 0.3 * waiver + 0.2 * z);
        rows.add(RowFactory.create("p" + p, String.format("t%02d", t), (double) Math.round(mu * (0.8 + 0.4 * r.nextDouble())),
            waiver, voa, z));
      }
    }
    Dataset<Row> data = SharedSpark.spark().createDataFrame(rows, schema);
    for (String estimator : List.of("ppml", "ols")) {
      ModelSpec spec = ModelSpec.of(estimator, estimator, "y ~ waiver + voa + z | pair + t", "cluster(pair)");
      EstimationSettings settings = EstimationFixtures.settings(List.of(), spec);
      FitResult fit = ModelFitter.fit(data, spec, settings);
      assertEquals(List.of("waiver", "z"), fit.terms(), estimator);
      assertTrue(fit.notes().stream().anyMatch(n -> n.startsWith("voa was removed because of collinearity")),
          estimator + ": " + fit.notes());
      // The same estimates as the model written without it.
      ModelSpec without = ModelSpec.of(estimator, estimator, "y ~ waiver + z | pair + t", "cluster(pair)");
      FitResult reference = ModelFitter.fit(data, without, EstimationFixtures.settings(List.of(), without));
      for (String term : List.of("waiver", "z")) {
        assertEquals(reference.coefficient(term), fit.coefficient(term), 1e-8, estimator + " " + term);
        assertEquals(reference.stdError(term), fit.stdError(term), 1e-8, estimator + " " + term);
      }
    }
  }
}
