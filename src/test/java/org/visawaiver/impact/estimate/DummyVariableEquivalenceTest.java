package org.visawaiver.impact.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
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
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.visawaiver.impact.estimate.fit.ModelFitter;
import org.visawaiver.impact.estimate.result.FitResult;
import org.visawaiver.impact.estimate.spec.ModelSpec;
import org.visawaiver.impact.testing.SharedSpark;

/**
 * The fixed effects absorbed equal the same fixed effects as explicit dummy columns, on tiny data:
 * coefficients and iid variances from an independent dense solver on the driver (Newton for
 * Poisson, normal equations for OLS). Tolerance 1e-8 relative.
 */
public class DummyVariableEquivalenceTest {
  static final int N = 240;
  static final int A = 9;
  static final int B = 7;
  static final double TOL = 1e-8;

  /** Columns: y, x1, x2, a, b. Seeded. */
  static List<double[]> data() {
    Random r = new Random(7);
    double[] fa = new double[A];
    double[] fb = new double[B];
    for (int i = 0; i < A; i++) {
      fa[i] = r.nextGaussian() * 0.5;
    }
    for (int i = 0; i < B; i++) {
      fb[i] = r.nextGaussian() * 0.5;
    }
    List<double[]> rows = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      int a = i % A;
      int b = (i * 7 + i / 13) % B;
      double x1 = r.nextGaussian();
      double x2 = r.nextDouble() + 0.1 * a;
      double mu = Math.exp(1 + 0.3 * x1 - 0.2 * x2 + fa[a] + fb[b]);
      rows.add(new double[] {poisson(mu, r) + 1, x1, x2, a, b});
    }
    return rows;
  }

  public static int poisson(double mu, Random r) {
    double l = Math.exp(-mu);
    int k = 0;
    double p = 1;
    do {
      k++;
      p *= r.nextDouble();
    } while (p > l);
    return k - 1;
  }

  static Dataset<Row> frame(List<double[]> rows) {
    List<Row> out = new ArrayList<>();
    for (double[] d : rows) {
      out.add(RowFactory.create(d[0], d[1], d[2], "a" + (int) d[3], "b" + (int) d[4]));
    }
    StructType schema = new StructType().add("y", DataTypes.DoubleType).add("x1", DataTypes.DoubleType)
        .add("x2", DataTypes.DoubleType).add("a", DataTypes.StringType).add("b", DataTypes.StringType);
    return SharedSpark.spark().createDataFrame(out, schema);
  }

  /** Dense design: x1, x2, all a dummies, b dummies but the first. */
  static RealMatrix design(List<double[]> rows) {
    double[][] x = new double[rows.size()][2 + A + B - 1];
    for (int i = 0; i < rows.size(); i++) {
      double[] d = rows.get(i);
      x[i][0] = d[1];
      x[i][1] = d[2];
      x[i][2 + (int) d[3]] = 1;
      if (d[4] > 0) {
        x[i][2 + A + (int) d[4] - 1] = 1;
      }
    }
    return new Array2DRowRealMatrix(x);
  }

  @Test
  void poissonEqualsDummies() {
    List<double[]> rows = data();
    RealMatrix x = design(rows);
    int p = x.getColumnDimension();
    RealVector beta = new ArrayRealVector(p);
    RealMatrix info = null;
    for (int it = 0; it < 50; it++) {
      RealVector eta = x.operate(beta);
      RealVector grad = new ArrayRealVector(p);
      info = new Array2DRowRealMatrix(p, p);
      for (int i = 0; i < rows.size(); i++) {
        double mu = Math.exp(eta.getEntry(i));
        RealVector xi = x.getRowVector(i);
        grad = grad.add(xi.mapMultiply(rows.get(i)[0] - mu));
        info = info.add(xi.outerProduct(xi).scalarMultiply(mu));
      }
      beta = beta.add(new LUDecomposition(info).getSolver().solve(grad));
    }
    RealMatrix v = new LUDecomposition(info).getSolver().getInverse();
    FitResult fit = ModelFitter.fit(frame(rows), ModelSpec.of("p", "ppml", "y ~ x1 + x2 | a + b", "iid"),
        EstimationFixtures.settings(List.of("estimate.drop-singletons=false")));
    // fixest scales the iid variance by (n - 1)/(n - K), K = 2 + (9 + 7 - 1).
    double adj = (N - 1.0) / (N - (2 + A + B - 1));
    assertEquals(beta.getEntry(0), fit.coefficient("x1"), TOL * Math.abs(beta.getEntry(0)));
    assertEquals(beta.getEntry(1), fit.coefficient("x2"), TOL * Math.abs(beta.getEntry(1)));
    assertEquals(Math.sqrt(v.getEntry(0, 0) * adj), fit.stdError("x1"), TOL * fit.stdError("x1"));
    assertEquals(Math.sqrt(v.getEntry(1, 1) * adj), fit.stdError("x2"), TOL * fit.stdError("x2"));
  }

  @Test
  void olsEqualsDummies() {
    List<double[]> rows = data();
    RealMatrix x = design(rows);
    RealVector y = new ArrayRealVector(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      y.setEntry(i, Math.log(rows.get(i)[0]));
    }
    RealMatrix xtx = x.transpose().multiply(x);
    RealMatrix inv = new LUDecomposition(xtx).getSolver().getInverse();
    RealVector beta = inv.operate(x.transpose().operate(y));
    RealVector e = y.subtract(x.operate(beta));
    int bigK = x.getColumnDimension();
    double sigma2 = e.dotProduct(e) / (N - bigK);
    FitResult fit = ModelFitter.fit(frame(rows), ModelSpec.of("o", "ols", "y ~ x1 + x2 | a + b", "iid"),
        EstimationFixtures.settings(List.of("estimate.drop-singletons=false")));
    assertEquals(beta.getEntry(0), fit.coefficient("x1"), TOL * Math.abs(beta.getEntry(0)));
    assertEquals(beta.getEntry(1), fit.coefficient("x2"), TOL * Math.abs(beta.getEntry(1)));
    assertEquals(Math.sqrt(inv.getEntry(0, 0) * sigma2), fit.stdError("x1"), TOL * fit.stdError("x1"));
  }

  /**
   * fixest does not count a fixed effect nested in the cluster dimension in K. Here a is nested in
   * g = a mod 3 by the data only (no shared column name), b is not; both ways of checking (a
   * vector of per-level cluster ranges for broadcast fixed effects, a reduceByKey for the local
   * one when a exceeds broadcast-max-levels) find the same.
   */
  @Test
  void fixedEffectNestedInClusterByDataIsNotCounted() {
    List<double[]> rows = data();
    Dataset<Row> df = frame(rows).withColumn("g",
        org.apache.spark.sql.functions.expr("concat('g', cast(substr(a, 2) as int) % 3)"));
    for (String max : List.of("2000000", "8")) {
      FitResult fit = ModelFitter.fit(df, ModelSpec.of("p", "ppml", "y ~ x1 + x2 | a + b",
              "cluster(g)"),
          EstimationFixtures.settings(List.of("estimate.drop-singletons=false",
              "estimate.broadcast-max-levels=" + max)));
      assertEquals(List.of("a"), fit.correction().nestedFixedEffects(), "broadcast-max-levels " + max);
      // K = 2 slopes + (9 + 7 - 1) fixed effects - (9 - 1) for a nested in g.
      assertEquals(2 + (A + B - 1) - (A - 1), fit.correction().bigK(), "broadcast-max-levels " + max);
      assertEquals(List.of(3L), fit.correction().clusters());
    }
  }

  /**
   * A singleton is fitted exactly by its own fixed effect: dropping singletons (the default, as
   * reghdfe / ppmlhdfe) or keeping them (fixest's default) gives the same coefficients; only the
   * observation count (and with it the small-sample factors) differs.
   */
  @Test
  void droppingSingletonsChangesNoCoefficient() {
    List<double[]> rows = new ArrayList<>(data());
    // Three rows alone in new levels of a (9, 10, 11) with ordinary b levels.
    rows.add(new double[] {3, 0.4, 0.2, A, 1});
    rows.add(new double[] {7, -1.1, 0.9, A + 1, 2});
    rows.add(new double[] {1, 0.3, 0.5, A + 2, 3});
    for (String estimator : List.of("ppml", "ols")) {
      ModelSpec spec = ModelSpec.of("s", estimator, "y ~ x1 + x2 | a + b", "iid");
      FitResult dropped = ModelFitter.fit(frame(rows), spec, EstimationFixtures.settings());
      FitResult kept = ModelFitter.fit(frame(rows), spec,
          EstimationFixtures.settings(List.of("estimate.drop-singletons=false")));
      assertEquals(N, dropped.observations(), estimator);
      assertEquals(N + 3, kept.observations(), estimator);
      assertEquals(3L, dropped.dropped().get("singletons"), estimator);
      for (String t : List.of("x1", "x2")) {
        assertEquals(kept.coefficient(t), dropped.coefficient(t),
            TOL * Math.abs(kept.coefficient(t)), estimator + " " + t);
      }
    }
  }
}
