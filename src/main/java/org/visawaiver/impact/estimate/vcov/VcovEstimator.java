package org.visawaiver.impact.estimate.vcov;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.visawaiver.impact.estimate.demean.BlockSums;
import org.visawaiver.impact.estimate.demean.FixedEffectKernel;
import org.visawaiver.impact.estimate.frame.Block;
import org.visawaiver.impact.estimate.frame.FeLayout;
import org.visawaiver.impact.estimate.frame.ModelFrame;
import org.visawaiver.impact.estimate.ols.LeastSquares;
import org.visawaiver.impact.estimate.ols.WeightedFit;
import org.visawaiver.impact.estimate.spec.FixedEffect;
import org.visawaiver.impact.estimate.spec.VcovSpec;
import scala.Tuple2;

/**
 * Variance of the estimates as R fixest computes it (see docs/estimation.md): iid, hetero (HC1),
 * one-way and two-way cluster-robust (CR1; V_A + V_B - V_AB with negative eigenvalues set to zero)
 * with fixest's small-sample factors. Scores s_i = w_i x̃_i r_i come from one pass over the blocks;
 * one-way cluster sums are one vector per task when the clusters fit in it, else (and for two-way)
 * one reduceByKey (no limit on the number of clusters).
 */
public final class VcovEstimator {
  /**
   * Largest clusters x (regressors + 1) summed as one vector per task (32 MB); more clusters, or
   * two-way clustering, are summed by reduceByKey.
   */
  static final long VECTOR_CLUSTER_SUMS = 1L << 22;

  private VcovEstimator() {}

  /**
   * @param vcov variance over the kept regressors (formula order)
   * @param correction the small-sample factors used
   */
  public record Variance(double[][] vcov, SmallSampleCorrection correction) {}

  public static Variance compute(ModelFrame frame, WeightedFit fit, VcovSpec spec, boolean poisson) {
    return compute(frame, fit, spec, poisson, VECTOR_CLUSTER_SUMS);
  }

  /** As above, summing one-way clusters as a vector up to {@code vectorLimit} entries. */
  static Variance compute(ModelFrame frame, WeightedFit fit, VcovSpec spec, boolean poisson,
      long vectorLimit) {
    int[] idx = LeastSquares.indices(fit.kept());
    int k = idx.length;
    long n = frame.observations();
    FeLayout layout = frame.layout();
    long[] used = frame.usedLevels();
    int q = layout.dimensions();
    List<String> nested = new ArrayList<>();
    long feParams = 0;
    if (q > 0) {
      for (long l : used) {
        feParams += l;
      }
      feParams -= q - 1;
    }
    if (spec instanceof VcovSpec.Cluster cl) {
      for (int h = 0; h < q; h++) {
        for (int g = 0; g < cl.dimensions().size(); g++) {
          if (nestedIn(frame, fit, h, cl.dimensions().get(g))) {
            nested.add(layout.names().get(h));
            feParams -= used[h] - 1;
            break;
          }
        }
      }
    }
    long bigK = k + feParams;
    Scores scores = new Scores(fit, layout.offsets(), idx);
    double[][] bread = fit.bread();
    if (spec instanceof VcovSpec.Iid) {
      // fixest: V = (X̃'WX̃)^-1 for Poisson, RSS/(n - 1) (X̃'X̃)^-1 for OLS, times (n - 1)/(n - K).
      double adj = (n - 1.0) / (n - bigK);
      double scale = poisson ? adj : scores.rss() / (n - 1.0) * adj;
      return new Variance(scale(bread, scale),
          new SmallSampleCorrection(n, k, feParams, nested, List.of(), adj, 1.0,
              poisson ? Double.POSITIVE_INFINITY : n - bigK));
    }
    if (spec instanceof VcovSpec.Hetero) {
      double[][] meat = scores.hetero();
      double adj = n / (double) (n - bigK);
      return new Variance(scale(sandwich(bread, meat), adj),
          new SmallSampleCorrection(n, k, feParams, nested, List.of(), adj, 1.0,
              poisson ? Double.POSITIVE_INFINITY : n - bigK));
    }
    VcovSpec.Cluster cl = (VcovSpec.Cluster) spec;
    int[] dims = cl.dimensions().stream().mapToInt(d -> frame.clusterNames().indexOf(d.name()))
        .toArray();
    Map<Integer, Meat> meats = dims.length == 1
        && frame.clusterLevels()[dims[0]] * (k + 1) <= vectorLimit
        ? Map.of(0, scores.clusterByVector(dims[0], (int) frame.clusterLevels()[dims[0]]))
        : scores.cluster(dims);
    double adj = (n - 1.0) / (n - bigK);
    List<Long> gs = new ArrayList<>();
    double[][] v;
    long gmin;
    if (cl.dimensions().size() == 1) {
      Meat a = meats.get(0);
      gs.add(a.groups);
      gmin = a.groups;
      v = sandwich(bread, a.meat);
    } else {
      Meat a = meats.get(0);
      Meat b = meats.get(1);
      Meat ab = meats.get(2);
      gs.add(a.groups);
      gs.add(b.groups);
      gmin = Math.min(a.groups, b.groups);
      double[][] m = new double[k][k];
      for (int i = 0; i < k; i++) {
        for (int j = 0; j < k; j++) {
          m[i][j] = a.meat[i][j] + b.meat[i][j] - ab.meat[i][j];
        }
      }
      v = positiveSemidefinite(sandwich(bread, m));
    }
    double clusterAdj = gmin / (gmin - 1.0);
    return new Variance(scale(v, adj * clusterAdj),
        new SmallSampleCorrection(n, k, feParams, nested, gs, adj, clusterAdj,
            poisson ? Double.POSITIVE_INFINITY : gmin - 1.0));
  }

  private record Meat(double[][] meat, long groups) {}

  /** Is every level of fixed effect h inside one cluster of dimension g? */
  private static boolean nestedIn(ModelFrame frame, WeightedFit fit, int h, FixedEffect cluster) {
    String fe = frame.layout().names().get(h);
    List<String> feCols = List.of(fe.split("\\^"));
    if (feCols.containsAll(cluster.columns())) {
      return true;
    }
    int g = frame.clusterNames().indexOf(cluster.name());
    int offset = frame.layout().offset(h);
    if (offset >= 0) {
      return nestedByLevelRanges(fit, h, g, (int) frame.layout().levels()[h]);
    }
    // The local fixed effect has too many levels for a vector: one reduceByKey.
    JavaPairRDD<Integer, long[]> ranges =
        fit.blocks().flatMapToPair(
            b -> {
              Map<Integer, long[]> local = new HashMap<>();
              for (int i = 0; i < b.n; i++) {
                long c = b.clusters[g][i];
                local.merge(b.fe[h][i], new long[] {c, c},
                    (x, y) -> new long[] {Math.min(x[0], y[0]), Math.max(x[1], y[1])});
              }
              List<Tuple2<Integer, long[]>> out = new ArrayList<>();
              local.forEach((key, r) -> out.add(new Tuple2<>(key, r)));
              return out.iterator();
            });
    return ranges
        .reduceByKey((x, y) -> new long[] {Math.min(x[0], y[0]), Math.max(x[1], y[1])})
        .filter(t -> t._2()[0] != t._2()[1])
        .isEmpty();
  }

  /**
   * Nesting of a broadcast fixed effect in a cluster dimension in one treeAggregate: the smallest
   * and largest cluster id of every level ([2l], [2l + 1]; ids are exact in a double below 2^53).
   */
  private static boolean nestedByLevelRanges(WeightedFit fit, int h, int g, int levels) {
    double[] empty = new double[0];
    double[] ranges = fit.blocks().treeAggregate(empty,
        (acc, b) -> {
          double[] a = acc.length == 0 ? emptyRanges(levels) : acc;
          for (int i = 0; i < b.n; i++) {
            int l = b.fe[h][i];
            double c = b.clusters[g][i];
            a[2 * l] = Math.min(a[2 * l], c);
            a[2 * l + 1] = Math.max(a[2 * l + 1], c);
          }
          return a;
        },
        (x, y) -> {
          if (x.length == 0) {
            return y;
          }
          for (int i = 0; i < y.length; i += 2) {
            x[i] = Math.min(x[i], y[i]);
            x[i + 1] = Math.max(x[i + 1], y[i + 1]);
          }
          return x;
        }, 2);
    for (int l = 0; 2 * l < ranges.length; l++) {
      if (ranges[2 * l] < ranges[2 * l + 1]) {
        return false;
      }
    }
    return true;
  }

  private static double[] emptyRanges(int levels) {
    double[] a = new double[2 * levels];
    for (int l = 0; l < levels; l++) {
      a[2 * l] = Double.POSITIVE_INFINITY;
      a[2 * l + 1] = Double.NEGATIVE_INFINITY;
    }
    return a;
  }

  /** Per-row scores over the kept regressors, computed inside each pass. */
  private static final class Scores {
    private final WeightedFit fit;
    private final int[] offsets;
    private final int[] idx;

    Scores(WeightedFit fit, int[] offsets, int[] idx) {
      this.fit = fit;
      this.offsets = offsets;
      this.idx = idx;
    }

    private Broadcast<double[][]> broadcastParts() {
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(fit.blocks().context());
      double[][] parts = new double[idx.length + 1][];
      parts[0] = WeightedFit.combined(fit.alpha(), fit.beta());
      for (int j = 0; j < idx.length; j++) {
        parts[j + 1] = fit.alpha()[idx[j] + 1];
      }
      return jsc.broadcast(parts);
    }

    /** [regressor][row] = w_i x̃_ij r_i. */
    private static double[][] rowScores(Block b, int[] offsets, int[] idx, double[] beta,
        double[][] parts) {
      double[] r = WeightedFit.residual(b, offsets, beta, parts[0]);
      double[][] s = new double[idx.length][];
      for (int j = 0; j < idx.length; j++) {
        double[] xt = FixedEffectKernel.residual(b, offsets, b.x[idx[j]], parts[j + 1], 0);
        for (int i = 0; i < b.n; i++) {
          xt[i] *= b.weight(i) * r[i];
        }
        s[j] = xt;
      }
      return s;
    }

    double rss() {
      Broadcast<double[][]> parts = broadcastParts();
      double[] beta = fit.beta();
      int[] off = offsets;
      double out = fit.blocks().treeAggregate(0.0,
          (acc, b) -> {
            double[] r = WeightedFit.residual(b, off, beta, parts.value()[0]);
            double s = 0;
            for (int i = 0; i < b.n; i++) {
              s += b.weight(i) * r[i] * r[i];
            }
            return acc + s;
          },
          Double::sum, 2);
      parts.destroy();
      return out;
    }

    double[][] hetero() {
      Broadcast<double[][]> parts = broadcastParts();
      double[] beta = fit.beta();
      int[] off = offsets;
      int[] ix = idx;
      int k = idx.length;
      double[] agg = fit.blocks().treeAggregate(new double[k * k],
          (acc, b) -> {
            double[][] s = rowScores(b, off, ix, beta, parts.value());
            for (int i = 0; i < b.n; i++) {
              for (int a = 0; a < k; a++) {
                for (int c = 0; c < k; c++) {
                  acc[a * k + c] += s[a][i] * s[c][i];
                }
              }
            }
            return acc;
          },
          BlockSums::add, 2);
      parts.destroy();
      return square(agg, k);
    }

    /**
     * One-way cluster meat when the clusters fit in a vector: one pass sums every cluster's scores
     * (and counts its rows) at [id * (k + 1)], then Σ_g s_g s_g' on the driver over the clusters
     * with rows.
     */
    Meat clusterByVector(int dim, int levels) {
      Broadcast<double[][]> parts = broadcastParts();
      double[] beta = fit.beta();
      int[] off = offsets;
      int[] ix = idx;
      int k = idx.length;
      double[] sums = BlockSums.sum(fit.blocks(), levels * (k + 1),
          (b, acc) -> {
            double[][] s = rowScores(b, off, ix, beta, parts.value());
            long[] ids = b.clusters[dim];
            for (int i = 0; i < b.n; i++) {
              int at = (int) ids[i] * (k + 1);
              for (int a = 0; a < k; a++) {
                acc[at + a] += s[a][i];
              }
              acc[at + k] += 1;
            }
          });
      parts.destroy();
      double[][] meat = new double[k][k];
      long groups = 0;
      for (int g = 0; g < levels; g++) {
        int at = g * (k + 1);
        if (sums[at + k] == 0) {
          continue;
        }
        groups++;
        for (int a = 0; a < k; a++) {
          for (int c = 0; c < k; c++) {
            meat[a][c] += sums[at + a] * sums[at + c];
          }
        }
      }
      return new Meat(meat, groups);
    }

    /**
     * Cluster meats: key 0 = first dimension, 1 = second, 2 = their intersection. Scores are summed
     * per cluster inside each block, then across blocks by one reduceByKey (any number of
     * clusters).
     */
    Map<Integer, Meat> cluster(int[] dimIdx) {
      int dims = dimIdx.length;
      int first = dimIdx[0];
      int second = dims > 1 ? dimIdx[1] : -1;
      Broadcast<double[][]> parts = broadcastParts();
      double[] beta = fit.beta();
      int[] off = offsets;
      int[] ix = idx;
      int k = idx.length;
      JavaPairRDD<Tuple2<Integer, Long>, double[]> sums =
          fit.blocks().flatMapToPair(
              b -> {
                double[][] s = rowScores(b, off, ix, beta, parts.value());
                Map<Tuple2<Integer, Long>, double[]> local = new HashMap<>();
                for (int i = 0; i < b.n; i++) {
                  for (int t = 0; t < (dims == 1 ? 1 : 3); t++) {
                    long key = t == 0 ? b.clusters[first][i]
                        : t == 1 ? b.clusters[second][i]
                        : (b.clusters[first][i] << 31) ^ b.clusters[second][i];
                    double[] acc = local.computeIfAbsent(new Tuple2<>(t, key), x -> new double[k]);
                    for (int a = 0; a < k; a++) {
                      acc[a] += s[a][i];
                    }
                  }
                }
                List<Tuple2<Tuple2<Integer, Long>, double[]>> out = new ArrayList<>();
                local.forEach((key, v) -> out.add(new Tuple2<>(key, v)));
                return out.iterator();
              });
      int terms = dims == 1 ? 1 : 3;
      double[] agg =
          sums.reduceByKey((a, b) -> {
                double[] c = a.clone();
                for (int i = 0; i < c.length; i++) {
                  c[i] += b[i];
                }
                return c;
              })
              .treeAggregate(new double[terms * (k * k + 1)],
                  (acc, t) -> {
                    int base = t._1()._1() * (k * k + 1);
                    double[] s = t._2();
                    for (int a = 0; a < k; a++) {
                      for (int c = 0; c < k; c++) {
                        acc[base + a * k + c] += s[a] * s[c];
                      }
                    }
                    acc[base + k * k] += 1;
                    return acc;
                  },
                  BlockSums::add, 2);
      parts.destroy();
      Map<Integer, Meat> out = new HashMap<>();
      for (int t = 0; t < terms; t++) {
        double[] part = java.util.Arrays.copyOfRange(agg, t * (k * k + 1), (t + 1) * (k * k + 1));
        out.put(t, new Meat(square(part, k), (long) part[k * k]));
      }
      return out;
    }
  }

  private static double[][] square(double[] flat, int k) {
    double[][] m = new double[k][k];
    for (int a = 0; a < k; a++) {
      System.arraycopy(flat, a * k, m[a], 0, k);
    }
    return m;
  }

  static double[][] sandwich(double[][] bread, double[][] meat) {
    RealMatrix b = new Array2DRowRealMatrix(bread);
    return b.multiply(new Array2DRowRealMatrix(meat)).multiply(b).getData();
  }

  static double[][] scale(double[][] m, double f) {
    double[][] out = new double[m.length][m.length];
    for (int i = 0; i < m.length; i++) {
      for (int j = 0; j < m.length; j++) {
        out[i][j] = m[i][j] * f;
      }
    }
    return out;
  }

  /** Sets negative eigenvalues to zero (Cameron, Gelbach and Miller 2011), as fixest does. */
  static double[][] positiveSemidefinite(double[][] v) {
    EigenDecomposition e = new EigenDecomposition(new Array2DRowRealMatrix(v));
    double[] values = e.getRealEigenvalues();
    boolean negative = false;
    for (double d : values) {
      negative |= d < 0;
    }
    if (!negative) {
      return v;
    }
    RealMatrix vecs = e.getV();
    double[][] d = new double[values.length][values.length];
    for (int i = 0; i < values.length; i++) {
      d[i][i] = Math.max(values[i], 0);
    }
    return vecs.multiply(new Array2DRowRealMatrix(d)).multiply(vecs.transpose()).getData();
  }
}
