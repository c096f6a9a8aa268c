package org.visawaiver.impact.estimate.vcov;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaPairRDD;
import org.visawaiver.impact.estimate.demean.FixedEffectKernel;
import org.visawaiver.impact.estimate.exec.Blocks;
import org.visawaiver.impact.estimate.exec.Shared;
import org.visawaiver.impact.estimate.frame.Block;
import org.visawaiver.impact.estimate.ols.LeastSquares;
import org.visawaiver.impact.estimate.ols.WeightedFit;
import scala.Tuple2;

/**
 * The scores s_i = w_i x̃_i r_i of a fit over its kept regressors, computed inside each pass and
 * summed: the residual sum of squares, the hetero meat Σ s_i s_i', and per-cluster sums for any
 * clustering (the meat's signed terms, or the sums themselves for a bootstrap).
 */
public final class ClusterScores {
  /**
   * Largest clusters x (regressors + 1) summed as one vector per task (32 MB); more clusters, or
   * multiway clustering, are summed by reduceByKey.
   */
  public static final long VECTOR_CLUSTER_SUMS = 1L << 22;

  private final WeightedFit fit;
  private final int[] offsets;
  private final int[] idx;

  public ClusterScores(WeightedFit fit, int[] offsets) {
    this.fit = fit;
    this.offsets = offsets.clone();
    this.idx = LeastSquares.indices(fit.kept());
  }

  /** Number of kept regressors (the length of a score). */
  public int k() {
    return idx.length;
  }

  private Shared<double[][]> broadcastParts() {
    double[][] parts = new double[idx.length + 1][];
    parts[0] = WeightedFit.combined(fit.alpha(), fit.beta());
    for (int j = 0; j < idx.length; j++) {
      parts[j + 1] = fit.alpha()[idx[j] + 1];
    }
    return fit.blocks().share(parts);
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

  /** Σ w_i r_i². */
  public double rss() {
    Shared<double[][]> parts = broadcastParts();
    double[] beta = fit.beta();
    int[] off = offsets;
    double out = fit.blocks().sum(1,
        (b, acc) -> {
          double[] r = WeightedFit.residual(b, off, beta, parts.value()[0]);
          double s = 0;
          for (int i = 0; i < b.n; i++) {
            s += b.weight(i) * r[i] * r[i];
          }
          acc[0] += s;
        })[0];
    parts.destroy();
    return out;
  }

  /** Σ_i s_i s_i'. */
  public double[][] hetero() {
    Shared<double[][]> parts = broadcastParts();
    double[] beta = fit.beta();
    int[] off = offsets;
    int[] ix = idx;
    int k = idx.length;
    double[] agg = fit.blocks().sum(k * k,
        (b, acc) -> {
          double[][] s = rowScores(b, off, ix, beta, parts.value());
          for (int i = 0; i < b.n; i++) {
            for (int a = 0; a < k; a++) {
              for (int c = 0; c < k; c++) {
                acc[a * k + c] += s[a][i] * s[c][i];
              }
            }
          }
        });
    parts.destroy();
    return Matrices.square(agg, k, 0);
  }

  /**
   * The signed terms of the cluster-robust meat over the cluster dimensions {@code dims} (indexes
   * into Block.clusters, named {@code names}, with {@code levels} ids each): one term per
   * non-empty subset of the dimensions. One-way clusters that fit in {@code vectorLimit} entries
   * are summed as one vector per task; otherwise every subset is summed by one reduceByKey.
   */
  public List<ClusterTerm> terms(List<String> names, int[] dims, long[] levels, long vectorLimit) {
    int k = idx.length;
    if (dims.length == 1 && levels[0] * (k + 1) <= vectorLimit) {
      return List.of(byVector(names, dims[0], (int) levels[0]));
    }
    int subsets = (1 << dims.length) - 1;
    long[][] radix = new long[subsets + 1][];
    for (int mask = 1; mask <= subsets; mask++) {
      radix[mask] = radix(dims.length, mask, levels);
    }
    Shared<double[][]> parts = broadcastParts();
    JavaPairRDD<Tuple2<Integer, Long>, double[]> sums = summed(parts, dims, radix, subsets);
    double[] agg = sums.treeAggregate(new double[subsets * (k * k + 1)],
        (acc, t) -> {
          int base = (t._1()._1() - 1) * (k * k + 1);
          double[] s = t._2();
          for (int a = 0; a < k; a++) {
            for (int c = 0; c < k; c++) {
              acc[base + a * k + c] += s[a] * s[c];
            }
          }
          acc[base + k * k] += 1;
          return acc;
        },
        Blocks::addInto, 2);
    parts.destroy();
    List<ClusterTerm> out = new ArrayList<>();
    for (int mask = 1; mask <= subsets; mask++) {
      int base = (mask - 1) * (k * k + 1);
      out.add(new ClusterTerm(subset(names, mask), Integer.bitCount(mask) % 2 == 1 ? 1 : -1,
          (long) agg[base + k * k], Matrices.square(agg, k, base)));
    }
    return out;
  }

  /**
   * The per-cluster score sums of the intersection of {@code dims}, brought to the driver (G x k
   * doubles: the clusters, never the rows).
   */
  public ClusterSums sums(List<String> names, int[] dims, long[] levels) {
    int all = (1 << dims.length) - 1;
    long[][] radix = new long[all + 1][];
    radix[all] = radix(dims.length, all, levels);
    Shared<double[][]> parts = broadcastParts();
    List<Tuple2<Tuple2<Integer, Long>, double[]>> rows =
        summed(parts, dims, radix, all).filter(t -> t._1()._1() == all).sortByKey(new KeyOrder(), true)
            .collect();
    parts.destroy();
    long[] ids = new long[rows.size()];
    double[][] s = new double[rows.size()][];
    for (int g = 0; g < ids.length; g++) {
      ids[g] = rows.get(g)._1()._2();
      s[g] = rows.get(g)._2();
    }
    return new ClusterSums(names, ids, s);
  }

  /** Orders (subset, id) keys by id. */
  private static final class KeyOrder
      implements java.util.Comparator<Tuple2<Integer, Long>>, java.io.Serializable {
    @Override
    public int compare(Tuple2<Integer, Long> a, Tuple2<Integer, Long> b) {
      int c = Integer.compare(a._1(), b._1());
      return c != 0 ? c : Long.compare(a._2(), b._2());
    }
  }

  /**
   * Scores summed per (subset, combined cluster id) for the subsets whose radix is set (subset
   * masks 1..maxMask): inside each block, then across blocks by one reduceByKey.
   */
  private JavaPairRDD<Tuple2<Integer, Long>, double[]> summed(Shared<double[][]> parts,
      int[] dims, long[][] radix, int maxMask) {
    double[] beta = fit.beta();
    int[] off = offsets;
    int[] ix = idx;
    int k = idx.length;
    JavaPairRDD<Tuple2<Integer, Long>, double[]> local =
        fit.blocks().rdd().flatMapToPair(
            b -> {
              double[][] s = rowScores(b, off, ix, beta, parts.value());
              Map<Tuple2<Integer, Long>, double[]> acc = new HashMap<>();
              for (int i = 0; i < b.n; i++) {
                for (int mask = 1; mask <= maxMask; mask++) {
                  long[] r = radix[mask];
                  if (r == null) {
                    continue;
                  }
                  long key = 0;
                  for (int d = 0; d < dims.length; d++) {
                    key += r[d] * b.clusters[dims[d]][i];
                  }
                  double[] a = acc.computeIfAbsent(new Tuple2<>(mask, key), x -> new double[k]);
                  for (int c = 0; c < k; c++) {
                    a[c] += s[c][i];
                  }
                }
              }
              List<Tuple2<Tuple2<Integer, Long>, double[]>> out = new ArrayList<>();
              acc.forEach((key, v) -> out.add(new Tuple2<>(key, v)));
              return out.iterator();
            });
    return local.reduceByKey((a, b) -> {
      double[] c = a.clone();
      for (int i = 0; i < c.length; i++) {
        c[i] += b[i];
      }
      return c;
    });
  }

  /**
   * Mixed-radix weights of the dimensions in {@code mask} (0 for the others): the combined id
   * Σ_d id_d · Π_{d' < d in mask} levels_d' is unique per intersection.
   */
  static long[] radix(int dims, int mask, long[] levels) {
    long[] r = new long[dims];
    long m = 1;
    for (int d = 0; d < dims; d++) {
      if ((mask & (1 << d)) != 0) {
        r[d] = m;
        try {
          m = Math.multiplyExact(m, Math.max(levels[d], 1));
        } catch (ArithmeticException e) {
          throw new IllegalArgumentException("the intersection of the cluster dimensions has more "
              + "than 2^63 possible ids (levels " + java.util.Arrays.toString(levels)
              + "); cluster by fewer dimensions");
        }
      }
    }
    return r;
  }

  private static List<String> subset(List<String> names, int mask) {
    List<String> out = new ArrayList<>();
    for (int d = 0; d < names.size(); d++) {
      if ((mask & (1 << d)) != 0) {
        out.add(names.get(d));
      }
    }
    return out;
  }

  /**
   * One-way cluster meat when the clusters fit in a vector: one pass sums every cluster's scores
   * (and counts its rows) at [id * (k + 1)], then Σ_g s_g s_g' on the driver over the clusters
   * with rows.
   */
  private ClusterTerm byVector(List<String> names, int dim, int levels) {
    Shared<double[][]> parts = broadcastParts();
    double[] beta = fit.beta();
    int[] off = offsets;
    int[] ix = idx;
    int k = idx.length;
    double[] sums = fit.blocks().sum(levels * (k + 1),
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
    return new ClusterTerm(names, 1, groups, meat);
  }
}
