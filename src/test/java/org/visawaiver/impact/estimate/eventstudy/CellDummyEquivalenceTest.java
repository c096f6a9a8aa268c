package org.visawaiver.impact.estimate.eventstudy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.visawaiver.impact.config.JobConfig;
import org.visawaiver.impact.estimate.DummyVariableEquivalenceTest;
import org.visawaiver.impact.estimate.fit.ModelFitter;
import org.visawaiver.impact.estimate.eventstudy.SunAbrahamAggregation.BinEstimate;
import org.visawaiver.impact.estimate.result.FitResult;
import org.visawaiver.impact.estimate.spec.EstimationSettings;
import org.visawaiver.impact.estimate.spec.FixedEffect;
import org.visawaiver.impact.estimate.spec.ModelSpec;
import org.visawaiver.impact.testing.SharedSpark;

/**
 * The event study equals an explicit dummy-variable regression with the same cells, on a tiny
 * panel built here: 3 destinations x 6 origins x 30 months; into A, three pairs switch in months
 * 8, 12 and 12 (two cohorts share a month), one pair is visa-free from its first month
 * (always-treated: must be left out) and two never switch; two pairs into B switch (the other
 * destinations' waiver share); C has no switching pair (skipped). Some outcomes are missing, so the
 * weights must be estimation counts. The cells, their dummies, the aggregation weights, the bins'
 * w'b and sqrt(w'Vw) and the pre-trend Wald statistic are all computed here by hand from the
 * explicit fit. Tolerance 1e-8 (relative to max(1, |value|)): the two fits solve the same problem
 * with the default solver tolerances (1e-10).
 */
class CellDummyEquivalenceTest {
  static final double TOL = 1e-8;
  static final int MONTHS = 30;
  static final int LEADS = 4;
  static final int LAGS = 6;
  static final int WIDTH = 2;
  /** Cohort month of each (destination, origin) pair; 0 = always-treated; absent = never. */
  static final Map<String, Integer> COHORT = Map.of("A|o1", 8, "A|o2", 12, "A|o3", 12,
      "A|o4", 0, "B|o1", 10, "B|o5", 15);
  static final List<String> ORIGINS = List.of("o1", "o2", "o3", "o4", "o5", "o6");

  static final EventColumns COLUMNS = new EventColumns("share", "dest",
      FixedEffect.of("orig", "dest"), "month");

  /** PPML, the default estimator (OLS cells against fixest: SunabGoldenTest). */
  @Test
  void binsEqualTheAggregatedExplicitDummies() {
    String estimator = "ppml";
    List<Row> rows = panel();
    Dataset<Row> data = SharedSpark.spark().createDataFrame(rows, schema(List.of())).cache();
    EstimationSettings settings = EstimationSettings.from(JobConfig.load(null, false, List.of(
        "estimate.event-study.leads=" + LEADS, "estimate.event-study.lags=" + LAGS,
        "estimate.event-study.bin-width=" + WIDTH)).section("estimate"));
    ModelSpec base = ModelSpec.of(estimator, estimator,
        "y ~ waiver_by(A, B) + x | orig^dest + month", "cluster(orig^dest)");
    List<EventStudy.Result> results =
        EventStudy.run(data, COLUMNS, settings, base, List.of("A", "C"));
    data.unpersist();
    assertEquals(1, results.size(), "C has no switching pair and is skipped");
    EventStudy.Result es = results.get(0);
    assertEquals(3, es.treatedUnits());
    assertEquals(2, es.cohorts());
    assertEquals(1, es.alwaysTreated());

    // The explicit regression: one dummy column per (cohort, bin) cell with rows, except the
    // reference bin -2 (r = -2, -1); the always-treated pair's rows removed.
    Map<String, String> cellOf = new LinkedHashMap<>();
    List<Row> explicit = new ArrayList<>();
    for (Row r : rows) {
      Integer g = COHORT.get(r.getString(1) + "|" + r.getString(0));
      if (r.getString(1).equals("A") && g != null && g == 0) {
        continue;
      }
      String cell = null;
      if (r.getString(1).equals("A") && g != null) {
        int rel = r.getInt(2) - g;
        String bin = rel < -LEADS ? "pre" : rel > LAGS ? "post"
            : Integer.toString(Math.floorDiv(rel, WIDTH) * WIDTH);
        if (!bin.equals("-2")) {
          cell = g + "_" + bin;
          cellOf.putIfAbsent("d_" + g + "_" + bin.replace("-", "m"), bin);
        }
      }
      explicit.add(RowFactory.create(r.getString(0), r.getString(1), r.getInt(2), r.get(3),
          r.getDouble(4), r.getDouble(5), cell));
    }
    List<String> dummies = new ArrayList<>(cellOf.keySet());
    List<Row> wide = new ArrayList<>();
    for (Row r : explicit) {
      List<Object> v = new ArrayList<>(List.of(r.getString(0), r.getString(1), r.getInt(2)));
      v.add(r.get(3));
      v.add(r.getDouble(4));
      v.add(r.getString(1).equals("A") ? 0.0 : r.getDouble(5));
      for (String d : dummies) {
        String cell = r.getString(6);
        v.add(cell != null && ("d_" + cell.replace("-", "m")).equals(d) ? 1.0 : 0.0);
      }
      wide.add(RowFactory.create(v.toArray()));
    }
    Dataset<Row> wideData = SharedSpark.spark().createDataFrame(wide, schema(dummies));
    ModelSpec dummySpec = ModelSpec.of(estimator + "_dummies", estimator,
        "y ~ " + String.join(" + ", dummies) + " + other + x | orig^dest + month",
        "cluster(orig^dest)");
    FitResult fit = ModelFitter.fit(wideData, dummySpec, settings);
    assertTrue(fit.droppedTerms().isEmpty(), fit.droppedTerms().toString());
    double[] b = fit.coefficients();
    double[][] v = fit.vcov();

    // Per bin: weights = each cell's rows with a reported outcome (no other drop here).
    Map<String, double[]> weights = new LinkedHashMap<>();
    Map<String, Long> n = new LinkedHashMap<>();
    for (String d : dummies) {
      long count = wide.stream().filter(r -> !r.isNullAt(3)
          && r.getDouble(6 + dummies.indexOf(d)) == 1.0).count();
      n.put(d, count);
    }
    for (String d : dummies) {
      String bin = cellOf.get(d);
      long total = dummies.stream().filter(e -> cellOf.get(e).equals(bin)).mapToLong(n::get).sum();
      weights.computeIfAbsent(bin, k -> new double[b.length])[fit.terms().indexOf(d)] =
          n.get(d) / (double) total;
    }
    List<double[]> pre = new ArrayList<>();
    int checked = 0;
    for (BinEstimate be : es.aggregates().bins()) {
      if (be.reference()) {
        assertEquals("-2", be.bin().name());
        assertEquals(0.0, be.estimate());
        assertTrue(Double.isNaN(be.stdError()));
        continue;
      }
      double[] w = weights.get(be.bin().name());
      RealVector wv = new ArrayRealVector(w);
      double est = wv.dotProduct(new ArrayRealVector(b));
      double se = Math.sqrt(wv.dotProduct(new Array2DRowRealMatrix(v).operate(wv)));
      close(est, be.estimate(), estimator + " bin " + be.bin().name() + " estimate");
      close(se, be.stdError(), estimator + " bin " + be.bin().name() + " SE");
      if (be.bin().before()) {
        pre.add(w);
      }
      checked++;
    }
    assertEquals(weights.size(), checked, "every bin with cells is reported");
    assertTrue(pre.size() >= 2, "the fixture has pre bins: " + pre.size());

    // Pre-trend Wald: (Rb)'(RVR')^-1(Rb).
    RealMatrix rm = new Array2DRowRealMatrix(pre.toArray(double[][]::new));
    RealVector rb = rm.operate(new ArrayRealVector(b));
    RealMatrix rvr = rm.multiply(new Array2DRowRealMatrix(v)).multiply(rm.transpose());
    double wald = rb.dotProduct(new LUDecomposition(rvr).getSolver().getInverse().operate(rb));
    close(wald, es.aggregates().pretrend().wald(), estimator + " pre-trend Wald");
    assertEquals(pre.size(), es.aggregates().pretrend().df());
  }

  private static void close(double expected, double actual, String what) {
    double err = Math.abs(actual - expected) / Math.max(1, Math.abs(expected));
    assertTrue(err <= TOL, what + ": " + actual + " vs explicit dummies " + expected);
  }

  /** orig, dest, month (1..30), y (null when not reported), x, share [, dummies]. */
  private static StructType schema(List<String> dummies) {
    List<StructField> f = new ArrayList<>(List.of(
        DataTypes.createStructField("orig", DataTypes.StringType, false),
        DataTypes.createStructField("dest", DataTypes.StringType, false),
        DataTypes.createStructField("month", DataTypes.IntegerType, false),
        DataTypes.createStructField("y", DataTypes.LongType, true),
        DataTypes.createStructField("x", DataTypes.DoubleType, false),
        DataTypes.createStructField(dummies.isEmpty() ? "share" : "other", DataTypes.DoubleType,
            false)));
    dummies.forEach(d -> f.add(DataTypes.createStructField(d, DataTypes.DoubleType, false)));
    return DataTypes.createStructType(f);
  }

  /** Seeded Poisson counts with pair and month effects, an effect of x and of the waiver. */
  private static List<Row> panel() {
    Random r = new Random(12);
    List<Row> rows = new ArrayList<>();
    for (String dest : List.of("A", "B", "C")) {
      for (String orig : ORIGINS) {
        double pair = r.nextGaussian() * 0.5;
        Integer g = COHORT.get(dest + "|" + orig);
        for (int t = 1; t <= MONTHS; t++) {
          double share = g == null ? 0 : t > g ? 1 : t == g ? 0.5 : 0;
          double x = r.nextGaussian();
          double mu = Math.exp(3 + pair + 0.02 * t + 0.2 * x + 0.3 * share);
          long y = DummyVariableEquivalenceTest.poisson(mu, r) + 1;
          Long reported = r.nextDouble() < 0.05 ? null : y;
          rows.add(RowFactory.create(orig, dest, t, reported, x, share));
        }
      }
    }
    return rows;
  }
}
