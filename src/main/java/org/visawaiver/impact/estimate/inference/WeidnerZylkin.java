package org.visawaiver.impact.estimate.inference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.visawaiver.impact.estimate.demean.FixedEffectKernel;
import org.visawaiver.impact.estimate.frame.ModelFrame;
import org.visawaiver.impact.estimate.ols.LeastSquares;
import org.visawaiver.impact.estimate.ols.WeightedFit;
import org.visawaiver.impact.estimate.spec.Gravity;
import org.visawaiver.impact.estimate.vcov.Matrices;
import scala.Tuple2;

/**
 * Incidental-parameter corrections of PPML gravity models (Weidner and Zylkin 2021, "Bias and
 * consistency in three-way gravity models", J. Int. Econ. 132), computed as Stata's ppml_fe_bias
 * (exact variant) does; formulas in docs/estimation.md.
 *
 * <p>Data flow: the rows (demeaned regressors x̃, outcome y, fitted mean λ, ids of i, j, t) are
 * repartitioned by pair and gathered into one {@link PairBlock} per pair inside each partition
 * (cached). Pass 1 sums, per pair, its Hessian block H_ij into the system of the time-varying
 * fixed effects M = Σ d_ij' H_ij d_ij and (three-way) the per-origin and per-destination T x T
 * sums of e e' and of -(diag(x_k) H + H diag(x_k)) (treeAggregate). The driver inverts M (a
 * symmetric generalized inverse G) and each origin's and destination's H_i = Σ_j H_ij
 * (pseudo-inverse). Pass 2 computes per pair the leverage (I - H_ij (x̃ B x̃' + d̃ G d̃'))^-1,
 * the pair's leverage-corrected score outer product and the first bias terms, summed by
 * treeAggregate. Nothing but these sums reaches the driver.
 *
 * <p>Memory: per task and on the driver, the first pass's sums: F^2 doubles for the three-way
 * system (F = (N_i + N_j) T) or T (N_i + N_j)^2 for two-way, plus (1 + k) (N_i + N_j) T^2 for
 * the bias blocks; at most {@link #MAX_SUM_DOUBLES} (32 MB), else the correction is skipped with
 * a note (ppml_fe_bias switches to an approximation above F = 1,500). Per pair, O(T_ij^2 k).
 */
public final class WeidnerZylkin {
  private static final Logger LOG = LoggerFactory.getLogger(WeidnerZylkin.class);
  /** Largest first-pass sum vector (doubles; 32 MB). */
  public static final long MAX_SUM_DOUBLES = 1L << 22;

  private WeidnerZylkin() {}

  /**
   * The corrections, or empty with a note in {@code notes} when they do not apply or exceed the
   * memory bound. The frame must carry i, j and t as cluster dimensions (ModelFitter adds them).
   */
  public static Optional<GravityCorrection> compute(ModelFrame frame, WeightedFit fit,
      Gravity gravity, List<String> notes) {
    long t0 = System.nanoTime();
    int gi = frame.clusterNames().indexOf(gravity.i());
    int gj = frame.clusterNames().indexOf(gravity.j());
    int gt = frame.clusterNames().indexOf(gravity.t());
    if (gi < 0 || gj < 0 || gt < 0) {
      throw new IllegalStateException("the model frame has no ids for " + gravity.columns());
    }
    long[] levels = frame.clusterLevels();
    int[] idx = LeastSquares.indices(fit.kept());
    int k = idx.length;
    GravityLayout layout = new GravityLayout(Math.toIntExact(levels[gi]),
        Math.toIntExact(levels[gj]), Math.toIntExact(levels[gt]), k, gravity.threeWay());
    long need = layout.systemDoubles() + (gravity.threeWay()
        ? (long) (1 + k) * (layout.blockDoubles(0) + layout.blockDoubles(1)) : 0);
    if (need > MAX_SUM_DOUBLES || k == 0) {
      notes.add("Weidner-Zylkin corrections not computed: " + (k == 0 ? "no regressor"
          : "their sums need " + need + " doubles (" + layout.ni() + " x " + layout.nj()
              + " x " + layout.nt() + " " + gravity.columns() + "), more than the bound "
              + MAX_SUM_DOUBLES + " (32 MB)") + "; bias, estimate_bc and std_error_bc are empty");
      return Optional.empty();
    }
    JavaRDD<PairBlock> pairs = pairBlocks(frame, fit, idx, gi, gj, gt, layout.nj());
    try {
      double[] first = sum(pairs, layout.firstPassLength(),
          (p, acc) -> firstPass(p, layout, acc));
      long nPairs = (long) first[layout.presenceOffset() + layout.ni() + layout.nj()];
      long origins = count(first, layout.presenceOffset(), layout.ni());
      long destinations = count(first, layout.presenceOffset() + layout.ni(), layout.nj());
      double[] hiPinv = gravity.threeWay() ? blockPinv(first, layout, 0) : new double[0];
      double[] hjPinv = gravity.threeWay() ? blockPinv(first, layout, 1) : new double[0];
      double[] b2 = gravity.threeWay() ? secondTerms(first, layout, 0, hiPinv) : new double[k];
      double[] d2 = gravity.threeWay() ? secondTerms(first, layout, 1, hjPinv) : new double[k];
      double[] g = invertSystems(first, layout);
      double[][] bread = fit.bread();
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(pairs.context());
      Broadcast<double[]> bg = jsc.broadcast(g);
      Broadcast<double[][]> bh = jsc.broadcast(new double[][] {hiPinv, hjPinv});
      double[] second = sum(pairs, k * k + 2 * k,
          (p, acc) -> secondPass(p, layout, bg.value(), bh.value()[0], bh.value()[1], bread,
              acc));
      bg.destroy();
      bh.destroy();
      double[][] omega = Matrices.square(second, k, 0);
      double[][] v = Matrices.scale(Matrices.sandwich(bread, omega), nPairs / (nPairs - 1.0));
      for (int a = 0; a < k; a++) {
        for (int c = 0; c < a; c++) {
          double s = (v[a][c] + v[c][a]) / 2;
          v[a][c] = s;
          v[c][a] = s;
        }
      }
      double[] bias = new double[k];
      if (gravity.threeWay()) {
        double fi = origins / (origins - 1.0);
        double fj = destinations / (destinations - 1.0);
        double[] inner = new double[k];
        for (int c = 0; c < k; c++) {
          inner[c] = fi * (-second[k * k + c] + b2[c] / 2)
              + fj * (-second[k * k + k + c] + d2[c] / 2);
        }
        for (int a = 0; a < k; a++) {
          for (int c = 0; c < k; c++) {
            bias[a] += bread[a][c] * inner[c];
          }
        }
      } else {
        Arrays.fill(bias, Double.NaN);
      }
      LOG.info("Weidner-Zylkin ({}): {} pairs, {} origins, {} destinations, {} periods, {} s",
          gravity.threeWay() ? "three-way" : "two-way", nPairs, origins, destinations,
          layout.nt(), (System.nanoTime() - t0) / 1e9);
      return Optional.of(new GravityCorrection(gravity, bias, v, nPairs, origins, destinations));
    } finally {
      pairs.unpersist(false);
    }
  }

  /** One contribution of a pair to a fixed-length sum. */
  @FunctionalInterface
  interface PairContribution extends java.io.Serializable {
    void add(PairBlock p, double[] acc);
  }

  /** treeAggregate of a fixed-length sum, the zero allocated lazily on the executor. */
  static double[] sum(JavaRDD<PairBlock> pairs, int length, PairContribution f) {
    double[] empty = new double[0];
    double[] out = pairs.treeAggregate(empty,
        (acc, p) -> {
          double[] a = acc.length == 0 ? new double[length] : acc;
          f.add(p, a);
          return a;
        },
        (a, b) -> {
          if (a.length == 0) {
            return b;
          }
          if (b.length == 0) {
            return a;
          }
          for (int x = 0; x < a.length; x++) {
            a[x] += b[x];
          }
          return a;
        }, 2);
    return out.length == 0 ? new double[length] : out;
  }

  /**
   * Rows keyed by pair, repartitioned by pair (hash) and gathered into one block per pair inside
   * each partition; cached for the two passes.
   */
  private static JavaRDD<PairBlock> pairBlocks(ModelFrame frame, WeightedFit fit, int[] idx,
      int gi, int gj, int gt, int nj) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(fit.blocks().context());
    double[][] cols = new double[idx.length][];
    for (int c = 0; c < idx.length; c++) {
      cols[c] = fit.alpha()[idx[c] + 1];
    }
    Broadcast<double[][]> alpha = jsc.broadcast(cols);
    int[] offsets = frame.layout().offsets();
    int k = idx.length;
    int partitions = Math.max(1, fit.blocks().getNumPartitions());
    JavaRDD<PairBlock> out = fit.blocks()
        .flatMapToPair(b -> {
          double[][] xt = new double[k][];
          for (int c = 0; c < k; c++) {
            xt[c] = FixedEffectKernel.residual(b, offsets, b.x[idx[c]], alpha.value()[c], 0);
          }
          List<Tuple2<Long, double[]>> rows = new ArrayList<>(b.n);
          for (int r = 0; r < b.n; r++) {
            double[] v = new double[5 + k];
            v[0] = b.clusters[gi][r];
            v[1] = b.clusters[gj][r];
            v[2] = b.clusters[gt][r];
            v[3] = b.y[r];
            v[4] = b.w[r];
            for (int c = 0; c < k; c++) {
              v[5 + c] = xt[c][r];
            }
            rows.add(new Tuple2<>(b.clusters[gi][r] * nj + b.clusters[gj][r], v));
          }
          return rows.iterator();
        })
        .partitionBy(new HashPartitioner(partitions))
        .mapPartitions(WeidnerZylkin::gather)
        .persist(StorageLevel.MEMORY_AND_DISK());
    out.count();
    alpha.unpersist(false);
    return out;
  }

  private static Iterator<PairBlock> gather(Iterator<Tuple2<Long, double[]>> rows) {
    Map<Long, List<double[]>> byPair = new HashMap<>();
    while (rows.hasNext()) {
      Tuple2<Long, double[]> r = rows.next();
      byPair.computeIfAbsent(r._1(), x -> new ArrayList<>()).add(r._2());
    }
    List<PairBlock> out = new ArrayList<>(byPair.size());
    for (List<double[]> list : byPair.values()) {
      int n = list.size();
      int k = list.get(0).length - 5;
      int[] t = new int[n];
      double[] y = new double[n];
      double[] lambda = new double[n];
      double[][] x = new double[n][k];
      for (int r = 0; r < n; r++) {
        double[] v = list.get(r);
        t[r] = (int) v[2];
        y[r] = v[3];
        lambda[r] = v[4];
        System.arraycopy(v, 5, x[r], 0, k);
      }
      double[] first = list.get(0);
      out.add(new PairBlock((int) first[0], (int) first[1], t, y, lambda, x));
    }
    return out.iterator();
  }

  /**
   * Pass 1 for one pair: H_ij into the fixed-effect system(s) at (i,t)/(j,t) x (i,s)/(j,s);
   * three-way also e e' and -(diag(x_k) H + H diag(x_k)) into the pair's origin and destination
   * T x T blocks; presence of i and j, one pair.
   */
  static void firstPass(PairBlock p, GravityLayout l, double[] acc) {
    int n = p.n();
    double[][] h = p.hessian(l.threeWay());
    int[] sideId = {p.i, p.j};
    for (int r = 0; r < n; r++) {
      for (int s = 0; s < n; s++) {
        double v = h[r][s];
        if (v == 0) {
          continue;
        }
        for (int a = 0; a < 2; a++) {
          for (int b = 0; b < 2; b++) {
            int cell = l.cell(a, sideId[a], p.t[r], b, sideId[b], p.t[s]);
            if (cell >= 0) {
              acc[cell] += v;
            }
          }
        }
      }
    }
    if (l.threeWay()) {
      double[] e = p.residuals();
      int nt = l.nt();
      for (int side = 0; side < 2; side++) {
        int block = sideId[side] * nt * nt;
        int ss = l.ssOffset(side) + block;
        for (int r = 0; r < n; r++) {
          for (int s = 0; s < n; s++) {
            int at = p.t[r] * nt + p.t[s];
            acc[ss + at] += e[r] * e[s];
            for (int c = 0; c < l.k(); c++) {
              acc[l.xgOffset(side, c) + block + at] -= (p.x[r][c] + p.x[s][c]) * h[r][s];
            }
          }
        }
      }
    }
    acc[l.presenceOffset() + p.i] = 1;
    acc[l.presenceOffset() + l.ni() + p.j] = 1;
    acc[l.presenceOffset() + l.ni() + l.nj()] += 1;
  }

  /**
   * Pass 2 for one pair: with P = d̃ G d̃' (d̃ the pair's (i,t) and (j,t) dummies, demeaned
   * within the pair with weights θ = λ/Σλ in the three-way model) and X = x̃ B x̃', v = (I - H (X
   * + P))^-1 e; adds (x̃'v)(x̃'e)' to Ω and (three-way) (H x̃_k)' H_i^+ e and (H x̃_k)' H_j^+ e to
   * the first bias terms. acc = [Ω (k x k), B1 (k), D1 (k)].
   */
  static void secondPass(PairBlock p, GravityLayout l, double[] g, double[] hiPinv,
      double[] hjPinv, double[][] bread, double[] acc) {
    int n = p.n();
    int k = l.k();
    double[][] h = p.hessian(l.threeWay());
    double[] e = p.residuals();
    int[] sideId = {p.i, p.j};
    double[][] q = new double[n][n];
    for (int r = 0; r < n; r++) {
      for (int s = 0; s < n; s++) {
        double v = 0;
        for (int a = 0; a < 2; a++) {
          for (int b = 0; b < 2; b++) {
            int cell = l.cell(a, sideId[a], p.t[r], b, sideId[b], p.t[s]);
            if (cell >= 0) {
              v += g[cell];
            }
          }
        }
        q[r][s] = v;
      }
    }
    if (l.threeWay()) {
      double[] th = p.shares();
      double[] qt = new double[n];
      double c = 0;
      for (int r = 0; r < n; r++) {
        for (int s = 0; s < n; s++) {
          qt[r] += q[r][s] * th[s];
        }
        c += th[r] * qt[r];
      }
      for (int r = 0; r < n; r++) {
        for (int s = 0; s < n; s++) {
          q[r][s] += c - qt[r] - qt[s];
        }
      }
    }
    double[][] xb = new double[n][k];
    for (int r = 0; r < n; r++) {
      for (int a = 0; a < k; a++) {
        double v = 0;
        for (int b = 0; b < k; b++) {
          v += p.x[r][b] * bread[b][a];
        }
        xb[r][a] = v;
      }
    }
    for (int r = 0; r < n; r++) {
      for (int s = 0; s < n; s++) {
        double v = 0;
        for (int a = 0; a < k; a++) {
          v += xb[r][a] * p.x[s][a];
        }
        q[r][s] += v;
      }
    }
    double[][] m = new double[n][n];
    for (int r = 0; r < n; r++) {
      for (int s = 0; s < n; s++) {
        double v = r == s ? 1 : 0;
        for (int u = 0; u < n; u++) {
          v -= h[r][u] * q[u][s];
        }
        m[r][s] = v;
      }
    }
    double[] lev = SymmetricInverse.solve(m, e);
    double[] xv = new double[k];
    double[] xe = new double[k];
    for (int r = 0; r < n; r++) {
      for (int a = 0; a < k; a++) {
        xv[a] += p.x[r][a] * lev[r];
        xe[a] += p.x[r][a] * e[r];
      }
    }
    for (int a = 0; a < k; a++) {
      for (int b = 0; b < k; b++) {
        acc[a * k + b] += xv[a] * xe[b];
      }
    }
    if (!l.threeWay()) {
      return;
    }
    int nt = l.nt();
    for (int c = 0; c < k; c++) {
      double[] u = new double[n];
      for (int r = 0; r < n; r++) {
        for (int s = 0; s < n; s++) {
          u[r] += h[r][s] * p.x[s][c];
        }
      }
      double b1 = 0;
      double d1 = 0;
      for (int r = 0; r < n; r++) {
        for (int s = 0; s < n; s++) {
          int at = p.t[r] * nt + p.t[s];
          b1 += u[r] * hiPinv[p.i * nt * nt + at] * e[s];
          d1 += u[r] * hjPinv[p.j * nt * nt + at] * e[s];
        }
      }
      acc[k * k + c] += b1;
      acc[k * k + k + c] += d1;
    }
  }

  /** Pseudo-inverses of H_i = Σ_j H_ij (side 0) or H_j (side 1), read from the system. */
  private static double[] blockPinv(double[] first, GravityLayout l, int side) {
    int nt = l.nt();
    int count = side == 0 ? l.ni() : l.nj();
    int size = l.systemSize();
    double[] out = new double[count * nt * nt];
    for (int id = 0; id < count; id++) {
      double[][] block = new double[nt][nt];
      for (int r = 0; r < nt; r++) {
        for (int s = 0; s < nt; s++) {
          block[r][s] = first[l.position(side, id, r) * size + l.position(side, id, s)];
        }
      }
      double[][] inv = SymmetricInverse.pinv(block);
      for (int r = 0; r < nt; r++) {
        System.arraycopy(inv[r], 0, out, id * nt * nt + r * nt, nt);
      }
    }
    return out;
  }

  /** Σ over origins (side 0) or destinations of trace(H^+ xG_k H^+ SS), per regressor. */
  private static double[] secondTerms(double[] first, GravityLayout l, int side, double[] pinv) {
    int nt = l.nt();
    int count = side == 0 ? l.ni() : l.nj();
    double[] out = new double[l.k()];
    for (int id = 0; id < count; id++) {
      int block = id * nt * nt;
      double[][] hp = square(pinv, block, nt);
      double[][] right = multiply(multiply(hp, square(first, l.ssOffset(side) + block, nt)), hp);
      for (int c = 0; c < l.k(); c++) {
        double[][] xg = square(first, l.xgOffset(side, c) + block, nt);
        double tr = 0;
        for (int r = 0; r < nt; r++) {
          for (int s = 0; s < nt; s++) {
            tr += xg[r][s] * right[s][r];
          }
        }
        out[c] += tr;
      }
    }
    return out;
  }

  /** The generalized inverse of every fixed-effect system, flat in the systems' layout. */
  private static double[] invertSystems(double[] first, GravityLayout l) {
    int size = l.systemSize();
    int cells = size * size;
    double[] g = new double[Math.toIntExact(l.systemDoubles())];
    for (int s = 0; s < l.systems(); s++) {
      double[] sys = Arrays.copyOfRange(first, s * cells, (s + 1) * cells);
      System.arraycopy(SymmetricInverse.sweep(sys, size), 0, g, s * cells, cells);
    }
    return g;
  }

  private static long count(double[] a, int from, int n) {
    long c = 0;
    for (int x = from; x < from + n; x++) {
      c += a[x] > 0 ? 1 : 0;
    }
    return c;
  }

  private static double[][] square(double[] flat, int from, int n) {
    double[][] m = new double[n][n];
    for (int r = 0; r < n; r++) {
      System.arraycopy(flat, from + r * n, m[r], 0, n);
    }
    return m;
  }

  private static double[][] multiply(double[][] a, double[][] b) {
    int n = a.length;
    double[][] c = new double[n][n];
    for (int r = 0; r < n; r++) {
      for (int u = 0; u < n; u++) {
        double v = a[r][u];
        if (v == 0) {
          continue;
        }
        for (int s = 0; s < n; s++) {
          c[r][s] += v * b[u][s];
        }
      }
    }
    return c;
  }
}
