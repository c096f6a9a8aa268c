package org.visawaiver.impact.estimate.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.visawaiver.impact.config.JobConfig;
import org.visawaiver.impact.estimate.DummyVariableEquivalenceTest;
import org.visawaiver.impact.estimate.fit.ModelFitter;
import org.visawaiver.impact.estimate.result.FitResult;
import org.visawaiver.impact.estimate.spec.EstimationSettings;
import org.visawaiver.impact.estimate.spec.ModelSpec;
import org.visawaiver.impact.testing.SharedSpark;

/**
 * The leave-one-cluster-out jackknife (CV3) against explicit refits without each cluster: exact
 * for least squares without fixed effects or with fixed effects nested in the clusters, a one-step
 * approximation for PPML.
 */
class ClusterJackknifeTest {
  /** 6 clusters of unequal size, two regressors (x2 varies between clusters only partly). */
  private static final int[] SIZES = {3, 5, 8, 4, 12, 6};

  private record Obs(int cluster, double x1, double x2, double y) {}

  private static List<Obs> fixture(boolean counts) {
    Random r = new Random(7);
    List<Obs> out = new ArrayList<>();
    for (int g = 0; g < SIZES.length; g++) {
      double effect = r.nextGaussian();
      for (int i = 0; i < SIZES[g]; i++) {
        double x1 = r.nextGaussian() + 0.3 * g;
        double x2 = r.nextDouble() + (g % 2);
        double eta = 1 + effect + 0.5 * x1 - 0.8 * x2 + (1 + g % 3) * 0.4 * r.nextGaussian();
        double y = counts ? DummyVariableEquivalenceTest.poisson(Math.exp(1 + effect + 0.5 * x1 - 0.8 * x2), r) : Math.exp(eta);
        out.add(new Obs(g, x1, x2, y));
      }
    }
    return out;
  }

  /** The jackknife from per-cluster estimates b_(g) and the full-sample b: centred CV3. */
  private static double[][] jackknife(double[][] bLeftOut) {
    int gs = bLeftOut.length;
    int k = bLeftOut[0].length;
    double[] mean = new double[k];
    for (double[] b : bLeftOut) {
      for (int a = 0; a < k; a++) {
        mean[a] += b[a] / gs;
      }
    }
    double[][] v = new double[k][k];
    for (double[] b : bLeftOut) {
      for (int a = 0; a < k; a++) {
        for (int c = 0; c < k; c++) {
          v[a][c] += (gs - 1.0) / gs * (b[a] - mean[a]) * (b[c] - mean[c]);
        }
      }
    }
    return v;
  }

  /** Least squares of log y on x1, x2 after removing each cluster's mean (cluster effects). */
  private static double[] withinOls(List<Obs> data, int leftOut) {
    int gs = SIZES.length;
    double[][] means = new double[gs][4];
    for (Obs o : data) {
      if (o.cluster() != leftOut) {
        double[] m = means[o.cluster()];
        m[0] += o.x1() / SIZES[o.cluster()];
        m[1] += o.x2() / SIZES[o.cluster()];
        m[2] += Math.log(o.y()) / SIZES[o.cluster()];
      }
    }
    double[][] xx = new double[2][2];
    double[] xy = new double[2];
    for (Obs o : data) {
      if (o.cluster() == leftOut) {
        continue;
      }
      double[] m = means[o.cluster()];
      double[] x = {o.x1() - m[0], o.x2() - m[1]};
      double y = Math.log(o.y()) - m[2];
      for (int a = 0; a < 2; a++) {
        xy[a] += x[a] * y;
        for (int c = 0; c < 2; c++) {
          xx[a][c] += x[a] * x[c];
        }
      }
    }
    return new LUDecomposition(new Array2DRowRealMatrix(xx)).getSolver()
        .solve(new ArrayRealVector(xy)).toArray();
  }

  private static Dataset<Row> frame(List<Obs> data) {
    StructType schema = new StructType().add("pair", DataTypes.StringType)
        .add("x1", DataTypes.DoubleType).add("x2", DataTypes.DoubleType)
        .add("y", DataTypes.DoubleType);
    List<Row> rows = data.stream()
        .map(o -> RowFactory.create("c" + o.cluster(), o.x1(), o.x2(), o.y())).toList();
    return SharedSpark.spark().createDataFrame(rows, schema);
  }

  private static EstimationSettings settings() {
    return EstimationSettings.from(JobConfig.load(null, false,
        List.of("estimate.drop-singletons=false", "estimate.bootstrap.terms=none",
            "estimate.irls-tol=1e-13", "estimate.executor=local")).section("estimate"));
  }

  private static FitResult fit(Dataset<Row> data, String estimator) {
    return ModelFitter.fit(data, ModelSpec.of("jk", estimator, "y ~ x1 + x2 | pair",
        "cluster(pair)"), settings());
  }

  /** OLS with the cluster's own fixed effect (nested): CV3 is the refits' jackknife to 1e-10. */
  @Test
  void olsWithNestedEffectsEqualsLeaveOneClusterOutRefits() {
    List<Obs> data = fixture(false);
    double[][] left = new double[SIZES.length][];
    for (int g = 0; g < SIZES.length; g++) {
      left[g] = withinOls(data, g);
    }
    double[][] v = jackknife(left);
    FitResult f = fit(frame(data), "ols");
    for (int a = 0; a < 2; a++) {
      double se = f.inference().term(a).jackknifeStdError();
      assertEquals(Math.sqrt(v[a][a]), se, 1e-10 * se, f.terms().get(a));
    }
    // and the interval: estimate ± t(G - 1) x SE_CV3
    double q = FitResult.jackknifeCritical(SIZES.length);
    FitResult.Reported r = f.interval(0, FitResult.JACKKNIFE);
    assertEquals(f.coefficients()[0] + q * Math.sqrt(v[0][0]), r.high(), 1e-10);
  }

  /**
   * Without fixed effects (intercept as a regressor), from hand-built cluster sums: the full CV3
   * matrix equals the refits' jackknife to 1e-10.
   */
  @Test
  void olsWithoutFixedEffectsFullMatrixFromClusterSums() {
    List<Obs> data = fixture(false);
    int k = 3;
    int gs = SIZES.length;
    double[][] xx = new double[gs][k * k];
    double[][] xy = new double[gs][k];
    for (Obs o : data) {
      double[] x = {1, o.x1(), o.x2()};
      for (int a = 0; a < k; a++) {
        xy[o.cluster()][a] += x[a] * Math.log(o.y());
        for (int c = 0; c < k; c++) {
          xx[o.cluster()][a * k + c] += x[a] * x[c];
        }
      }
    }
    double[] beta = solve(sum(xx, -1), sum(xy, -1), k);
    double[][] xe = new double[gs][k];
    double[][] left = new double[gs][];
    for (int g = 0; g < gs; g++) {
      for (int a = 0; a < k; a++) {
        xe[g][a] = xy[g][a];
        for (int c = 0; c < k; c++) {
          xe[g][a] -= xx[g][a * k + c] * beta[c];
        }
      }
      left[g] = solve(sum(xx, g), sum(xy, g), k);
    }
    ClusterMoments s = new ClusterMoments(k, new int[gs], new long[gs], xx, xe,
        new int[] {0, gs, gs});
    double[][] ours = ClusterJackknife.variance(s, false);
    double[][] refits = jackknife(left);
    for (int a = 0; a < k; a++) {
      for (int c = 0; c < k; c++) {
        assertEquals(refits[a][c], ours[a][c], 1e-10 * Math.sqrt(refits[a][a] * refits[c][c]));
      }
    }
  }

  /**
   * A regressor that varies within one cluster only, with the clusters' own fixed effects: without
   * that cluster it is absorbed, so its jackknife SE is unbounded and the interval's ends infinite.
   */
  @Test
  void aTermVaryingInOneClusterIsUnbounded() {
    List<Obs> base = fixture(false);
    Random r = new Random(3);
    List<Obs> data = base.stream().map(o -> new Obs(o.cluster(), o.x1(),
        o.cluster() == 2 ? r.nextGaussian() : 1.0, o.y())).toList();
    FitResult f = fit(frame(data), "ols");
    assertEquals(1, f.inference().term(1).treatedClusters());
    assertEquals(Double.POSITIVE_INFINITY, f.inference().term(1).jackknifeStdError());
    assertTrue(Double.isFinite(f.inference().term(0).jackknifeStdError()));
    FitResult.Reported rep = f.interval(1, FitResult.JACKKNIFE);
    assertEquals(Double.NEGATIVE_INFINITY, rep.low());
    assertEquals(Double.POSITIVE_INFINITY, rep.high());
  }

  /**
   * PPML with cluster effects: the one-step CV3 (weights held at the full fit) against PPML
   * refitted without each cluster. Tolerance: 10% of the refits' SE (observed -3.3% and -3.6%;
   * the one-step leaves out the change of the weights, second order in each cluster's influence).
   */
  @Test
  void ppmlOneStepIsCloseToRefits() {
    List<Obs> data = fixture(true);
    Dataset<Row> all = frame(data);
    FitResult f = fit(all, "ppml");
    double[][] left = new double[SIZES.length][];
    for (int g = 0; g < SIZES.length; g++) {
      left[g] = fit(all.filter("pair != 'c" + g + "'"), "ppml").coefficients();
    }
    double[][] v = jackknife(left);
    for (int a = 0; a < 2; a++) {
      double se = f.inference().term(a).jackknifeStdError();
      double exact = Math.sqrt(v[a][a]);
      System.out.printf("PPML CV3 %s: one-step %.6f, refits %.6f (%.2f%%)%n", f.terms().get(a),
          se, exact, 100 * (se / exact - 1));
      assertEquals(exact, se, 0.10 * exact, f.terms().get(a));
    }
  }

  /** Σ_g m_g without cluster {@code except} (-1: all). */
  private static double[] sum(double[][] m, int except) {
    double[] s = new double[m[0].length];
    for (int g = 0; g < m.length; g++) {
      if (g != except) {
        for (int e = 0; e < s.length; e++) {
          s[e] += m[g][e];
        }
      }
    }
    return s;
  }

  private static double[] solve(double[] a, double[] b, int k) {
    double[][] m = new double[k][k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        m[i][j] = a[i * k + j];
      }
    }
    return new LUDecomposition(new Array2DRowRealMatrix(m)).getSolver()
        .solve(new ArrayRealVector(b)).toArray();
  }
}
