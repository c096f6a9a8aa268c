package org.visawaiver.impact.estimate.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.visawaiver.impact.config.JobConfig;
import org.visawaiver.impact.estimate.DummyVariableEquivalenceTest;
import org.visawaiver.impact.estimate.fit.ModelFitter;
import org.visawaiver.impact.estimate.frame.ModelFrame;
import org.visawaiver.impact.estimate.ols.WeightedFit;
import org.visawaiver.impact.estimate.ppml.PoissonIrls;
import org.visawaiver.impact.estimate.spec.EstimationSettings;
import org.visawaiver.impact.estimate.spec.FixedEffect;
import org.visawaiver.impact.estimate.spec.ModelSpec;
import org.visawaiver.impact.estimate.spec.VcovSpec;
import org.visawaiver.impact.testing.SharedSpark;

/**
 * The leave-one-pair-out jackknife with ppml_fe_bias's approximation of the fixed effects'
 * leverage (what models above 1,500 time-varying effects get, e.g. the sample's default model)
 * against the exact leverage, on a panel with the sample's countries (14 x 18, about 2% of pairs
 * missing) and pair sizes (log pair means with sd 2.65) but 40 periods, so that the exact system
 * (F = 1,280) stays small: a dummy switching on in 5 pairs, a share in 23, a continuous regressor.
 * Measured on seeds 1-3: the approximate jackknife SE is -9.9% to +6.3% of the exact one (the
 * approximate std_error_bc -3.8% to +0.8%); tolerance 15% (this test: seed 3, -9.9%, +6.3%,
 * -3.9%).
 */
class JackknifeApproximationTest {
  static final double TOL = 0.15;

  private static Dataset<Row> panel(long seed) {
    int no = 14;
    int nd = 18;
    int nt = 40;
    Random r = new Random(seed);
    List<Row> rows = new ArrayList<>();
    for (int a = 0; a < no; a++) {
      for (int b = 0; b < nd; b++) {
        if (r.nextDouble() < 0.02) {
          continue;
        }
        double od = 3 + 2.65 * r.nextGaussian();
        boolean switches = (a * nd + b) % 50 == 7;
        boolean phased = (a * nd + b) % 11 == 3;
        int start = 10 + r.nextInt(20);
        for (int t = 0; t < nt; t++) {
          double treat = switches && t >= start ? 1 : 0;
          double share = phased && t >= start ? Math.min(1, (t - start) / 10.0) : 0;
          double x = r.nextGaussian();
          double mu = Math.exp(od + 0.05 * Math.sin(a + t) + 0.05 * Math.cos(b * t)
              + 0.3 * treat - 0.2 * x + 0.1 * share);
          rows.add(RowFactory.create("o" + a, "d" + b, "t" + t, treat, share, x,
              (double) DummyVariableEquivalenceTest.poisson(mu, r)));
        }
      }
    }
    StructType schema = new StructType().add("o", DataTypes.StringType)
        .add("d", DataTypes.StringType).add("t", DataTypes.StringType)
        .add("treat", DataTypes.DoubleType).add("share", DataTypes.DoubleType)
        .add("x", DataTypes.DoubleType).add("y", DataTypes.DoubleType);
    return SharedSpark.spark().createDataFrame(rows, schema);
  }

  @Test
  void approximateLeverageJackknifeIsCloseToTheExactAtTheSampleCountries() {
    ModelSpec spec = ModelSpec.of("jk", "ppml", "y ~ treat + share + x | o^t + d^t + o^d",
        "cluster(o^d)", List.of("o", "d", "t"));
    EstimationSettings settings = EstimationSettings.from(JobConfig.load(null, false,
        List.of("estimate.executor=local", "estimate.bootstrap.terms=none")).section("estimate"))
        .withModels(List.of(spec));
    List<VcovSpec> vcovs = new ArrayList<>(List.of(spec.vcov()));
    for (String c : List.of("o", "d", "t")) {
      vcovs.add(new VcovSpec.Cluster(List.of(FixedEffect.of(c))));
    }
    ModelFrame frame = ModelFitter.prepare(panel(3), spec, settings, vcovs);
    WeightedFit fit = PoissonIrls.fit(frame, settings, spec.name());
    GravityCorrection exact = WeidnerZylkin.compute(frame, fit, spec.gravity().orElseThrow(),
        new ArrayList<>(), 1500).orElseThrow();
    GravityCorrection approx = WeidnerZylkin.compute(frame, fit, spec.gravity().orElseThrow(),
        new ArrayList<>(), 0).orElseThrow();
    for (int a = 0; a < 3; a++) {
      double e = exact.jackknifeStdError(a);
      double p = approx.jackknifeStdError(a);
      System.out.printf("jackknife SE term %d: exact leverage %.5f, approximate %.5f (%+.1f%%)%n",
          a, e, p, 100 * (p / e - 1));
      assertEquals(e, p, TOL * e, "term " + a);
    }
    fit.blocks().release();
    frame.blocks().release();
  }
}
