package org.visawaiver.impact.estimate.vcov;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.visawaiver.impact.config.JobConfig;
import org.visawaiver.impact.estimate.fit.ModelFitter;
import org.visawaiver.impact.estimate.bench.SyntheticPanel;
import org.visawaiver.impact.estimate.frame.ModelFrame;
import org.visawaiver.impact.estimate.ols.WeightedFit;
import org.visawaiver.impact.estimate.ppml.PoissonIrls;
import org.visawaiver.impact.estimate.spec.EstimationSettings;
import org.visawaiver.impact.estimate.spec.FormulaParser;
import org.visawaiver.impact.estimate.spec.ModelSpec;
import org.visawaiver.impact.estimate.spec.VcovSpec;
import org.visawaiver.impact.testing.SharedSpark;

/**
 * One-way cluster sums as one vector per task (clusters that fit) and by reduceByKey (any number)
 * give the same clustered variance: same meat up to the order of additions (1e-12 relative) and
 * the same number of clusters. The fixest golden cases check the vector path against R.
 */
class ClusterSumsTest {
  @Test
  void vectorAndReduceByKeyGiveTheSameClusteredVariance() {
    Dataset<Row> panel = SyntheticPanel.generate(SharedSpark.spark(),
        new SyntheticPanel.Shape(12, 6, 36), 3L, 2).cache();
    EstimationSettings settings =
        EstimationSettings.from(JobConfig.load(null, false, List.of()).section("estimate"));
    ModelSpec spec = settings.models().get(0);
    ModelFrame frame = ModelFitter.prepare(panel, spec, settings, List.of(spec.vcov()));
    WeightedFit fit = PoissonIrls.fit(frame, settings, spec.name());
    VcovEstimator.Variance vector = VcovEstimator.compute(frame, fit, spec.vcov(), true);
    VcovEstimator.Variance byKey = VcovEstimator.compute(frame, fit, spec.vcov(), true, SscOptions.FIXEST_DEFAULT, 0);
    assertEquals(byKey.correction().clusters(), vector.correction().clusters());
    double[][] a = vector.vcov();
    double[][] b = byKey.vcov();
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a.length; j++) {
        assertEquals(b[i][j], a[i][j], 1e-12 * Math.sqrt(b[i][i] * b[j][j]),
            "vcov[" + i + "][" + j + "]");
      }
    }
    fit.blocks().release();
    frame.blocks().release();
    panel.unpersist();
  }

  /**
   * The signed terms generalise: three-way clustering by (origin, destination, origin) is
   * a + b + a - ab - a - ab + ab = a + b - ab, the two-way variance, so the subsets' signs and
   * combined ids must be right for the two to agree.
   */
  @Test
  void threeWayWithARepeatedDimensionEqualsTwoWay() {
    Dataset<Row> panel = SyntheticPanel.generate(SharedSpark.spark(),
        new SyntheticPanel.Shape(8, 5, 24), 5L, 2).cache();
    EstimationSettings settings =
        EstimationSettings.from(JobConfig.load(null, false, List.of()).section("estimate"));
    ModelSpec spec = settings.models().get(0);
    VcovSpec two = FormulaParser.parseVcov("cluster(origin, destination)", "test");
    VcovSpec three = FormulaParser.parseVcov("cluster(origin, destination, origin)", "test");
    ModelFrame frame = ModelFitter.prepare(panel, spec, settings, List.of(two));
    WeightedFit fit = PoissonIrls.fit(frame, settings, spec.name());
    VcovEstimator.Variance a = VcovEstimator.compute(frame, fit, two, true);
    VcovEstimator.Variance b = VcovEstimator.compute(frame, fit, three, true);
    assertEquals(3, b.correction().clusters().size());
    assertEquals(a.correction().factor(), b.correction().factor(), 1e-15);
    for (int i = 0; i < a.vcov().length; i++) {
      for (int j = 0; j < a.vcov().length; j++) {
        assertEquals(a.vcov()[i][j], b.vcov()[i][j],
            1e-10 * Math.sqrt(a.vcov()[i][i] * a.vcov()[j][j]), "vcov[" + i + "][" + j + "]");
      }
    }
    fit.blocks().release();
    frame.blocks().release();
    panel.unpersist();
  }
}
