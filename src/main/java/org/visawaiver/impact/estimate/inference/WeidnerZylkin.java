package org.visawaiver.impact.estimate.inference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.visawaiver.impact.estimate.demean.FixedEffectKernel;
import org.visawaiver.impact.estimate.exec.Blocks;
import org.visawaiver.impact.estimate.exec.Shared;
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
 * (cached). Pass 1 (treeAggregate) sums, per pair: its Hessian block H_ij into the system of the
 * time-varying fixed effects M = Σ d_ij' H_ij d_ij (exact), or λ per (i, t) and (j, t)
 * (approximate); and (three-way) the per-origin and per-destination T x T blocks H_i = Σ_j H_ij
 * and S_i = Σ_j e_ij e_ij'. The driver inverts M (a symmetric generalized inverse G) and every
 * H_i (pseudo-inverse), and forms R_i = H_i^+ S_i H_i^+. Pass 2 (treeAggregate) computes per pair
 * the leverage correction (I - A_ij)^-1 e_ij with A_ij = H_ij (x̃ B x̃' + d̃ G d̃') (exact) or
 * H_ij x̃ B x̃' - D_ij' (approximate: D_ij, the pair's block of a truncated expansion of the
 * fixed-effect projection in the within-(i,t), (j,t) and (i,j) weighted means, from the pair's
 * own shares, as ppml_fe_bias), the pair's corrected score outer product and the bias terms.
 * Nothing but these sums reaches the driver.
 *
 * <p>Three-way models use the exact system up to F = (N_i + N_j) T = {@link #EXACT_MAX_EFFECTS}
 * time-varying fixed effects (ppml_fe_bias's switch), the approximation above. Memory, per task
 * and on the driver: the first pass's sums, F^2 doubles (exact three-way) or T (N_i + N_j)^2
 * (two-way), plus 2 (N_i + N_j) T^2 for the three-way bias blocks and (N_i + N_j) T for the
 * approximation's sums, at most {@link #MAX_SUM_DOUBLES} (64 MB), else the correction is skipped
 * with a note; the broadcast to pass 2 is as large. Per pair, O(T_ij^2 (T_ij + k)) time and
 * O(T_ij^2) memory.
 */
public final class WeidnerZylkin {
  private static final Logger LOG = LoggerFactory.getLogger(WeidnerZylkin.class);
  /** Largest first-pass sum vector (doubles; 64 MB). */
  public static final long MAX_SUM_DOUBLES = 1L << 23;
  /** Three-way models with more time-varying fixed effects use the approximation (ppml_fe_bias). */
  public static final int EXACT_MAX_EFFECTS = 1500;

  private WeidnerZylkin() {}

  /**
   * The corrections, or empty with a note in {@code notes} when they exceed the memory bound or
   * there is no regressor. The frame must carry i, j and t as cluster dimensions (ModelFitter adds
   * them).
   */
  public static Optional<GravityCorrection> compute(ModelFrame frame, WeightedFit fit,
      Gravity gravity, List<String> notes) {
    return compute(frame, fit, gravity, notes, EXACT_MAX_EFFECTS);
  }

  /** As above, with the exact three-way computation up to {@code exactMax} fixed effects. */
  static Optional<GravityCorrection> compute(ModelFrame frame, WeightedFit fit, Gravity gravity,
      List<String> notes, int exactMax) {
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
    long effects = (levels[gi] + levels[gj]) * levels[gt];
    GravityLayout layout = new GravityLayout(Math.toIntExact(levels[gi]),
        Math.toIntExact(levels[gj]), Math.toIntExact(levels[gt]), k, gravity.threeWay(),
        !gravity.threeWay() || effects <= exactMax);
    long need = layout.firstPassDoubles();
    if (need > MAX_SUM_DOUBLES || k == 0) {
      notes.add("Weidner-Zylkin corrections not computed: " + (k == 0 ? "no regressor"
          : "their sums need " + need + " doubles (" + layout.ni() + " x " + layout.nj()
              + " x " + layout.nt() + " " + gravity.columns() + "), more than the bound "
              + MAX_SUM_DOUBLES + " (64 MB)") + "; bias, estimate_bc and std_error_bc are empty");
      return Optional.empty();
    }
    if (!layout.exact()) {
      notes.add("Weidner-Zylkin variance: ppml_fe_bias's approximation of the fixed effects' "
          + "leverage (" + effects + " time-varying fixed effects, exact up to "
          + exactMax + ")");
    }
    Blocks<PairBlock> pairs = pairBlocks(frame, fit, idx, gi, gj, gt, layout.nj());
    try {
      double[] first = pairs.sum(layout.firstPassLength(), (p, acc) -> firstPass(p, layout, acc));
      long nPairs = (long) first[layout.presenceOffset() + layout.ni() + layout.nj()];
      long origins = count(first, layout.presenceOffset(), layout.ni());
      long destinations = count(first, layout.presenceOffset() + layout.ni(), layout.nj());
      double[][] shared = driverParts(first, layout);
      double[][] bread = fit.bread();
      Shared<double[][]> parts = pairs.share(shared);
      long slots = (long) layout.ni() * layout.nj() * (k + 1);
      boolean perPair = k * k + 4L * k + slots <= MAX_SUM_DOUBLES;
      double[] second = pairs.sum(k * k + 4 * k + (perPair ? (int) slots : 0),
          (p, acc) -> secondPass(p, layout, parts.value(), bread, acc, perPair));
      parts.destroy();
      double[][] jackknife = perPair ? jackknife(second, k * k + 4 * k, layout, bread)
          : nanMatrix(k);
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
        int at = k * k;
        double[] inner = new double[k];
        for (int c = 0; c < k; c++) {
          inner[c] = fi * (-second[at + c] + second[at + 2 * k + c] / 2)
              + fj * (-second[at + k + c] + second[at + 3 * k + c] / 2);
        }
        for (int a = 0; a < k; a++) {
          for (int c = 0; c < k; c++) {
            bias[a] += bread[a][c] * inner[c];
          }
        }
      } else {
        Arrays.fill(bias, Double.NaN);
      }
      LOG.info("Weidner-Zylkin ({}, {}): {} pairs, {} origins, {} destinations, {} periods, {} s",
          gravity.threeWay() ? "three-way" : "two-way", layout.exact() ? "exact" : "approximate",
          nPairs, origins, destinations, layout.nt(), (System.nanoTime() - t0) / 1e9);
      return Optional.of(new GravityCorrection(gravity, bias, v, nPairs, origins, destinations,
          jackknife));
    } finally {
      pairs.release();
    }
  }

  /**
   * Rows keyed by pair, repartitioned by pair (hash) and gathered into one block per pair inside
   * each partition; cached for the two passes.
   */
  private static Blocks<PairBlock> pairBlocks(ModelFrame frame, WeightedFit fit, int[] idx,
      int gi, int gj, int gt, int nj) {
    double[][] cols = new double[idx.length][];
    for (int c = 0; c < idx.length; c++) {
      cols[c] = fit.alpha()[idx[c] + 1];
    }
    Shared<double[][]> alpha = fit.blocks().share(cols);
    int[] offsets = frame.layout().offsets();
    int k = idx.length;
    Blocks<PairBlock> out = fit.blocks().regroup(b -> {
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
        }, WeidnerZylkin::gather);
    alpha.unpersist();
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
   * Pass 1 for one pair: H_ij into the fixed-effect system(s) at (i,t)/(j,t) x (i,s)/(j,s)
   * (exact), λ into the sums per (i, t) and (j, t) (approximate); three-way also H_ij and e e'
   * into the pair's origin and destination T x T blocks; presence of i and j, one pair.
   */
  static void firstPass(PairBlock p, GravityLayout l, double[] acc) {
    int n = p.n();
    double[][] h = p.hessian(l.threeWay());
    int[] sideId = {p.i, p.j};
    if (l.systems() > 0) {
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
    }
    if (l.threeWay()) {
      double[] e = p.residuals();
      int nt = l.nt();
      for (int side = 0; side < 2; side++) {
        int block = sideId[side] * nt * nt;
        int hb = l.blockOffset(side) + block;
        int sb = l.blockOffset(2 + side) + block;
        for (int r = 0; r < n; r++) {
          for (int s = 0; s < n; s++) {
            int at = p.t[r] * nt + p.t[s];
            acc[hb + at] += h[r][s];
            acc[sb + at] += e[r] * e[s];
          }
        }
        if (!l.exact()) {
          int ls = l.lambdaSumOffset(side) + sideId[side] * nt;
          for (int r = 0; r < n; r++) {
            acc[ls + p.t[r]] += p.lambda[r];
          }
        }
      }
    }
    acc[l.presenceOffset() + p.i] = 1;
    acc[l.presenceOffset() + l.ni() + p.j] = 1;
    acc[l.presenceOffset() + l.ni() + l.nj()] += 1;
  }

  /**
   * What the driver computes between the passes, for the broadcast: [0] G, the generalized
   * inverse of every fixed-effect system (exact; else empty); [1], [2] H_i^+ and H_j^+; [3], [4]
   * R_i = H_i^+ S_i H_i^+ and R_j (three-way; else empty); [5] the sums of λ per (i, t) and
   * (j, t) (approximate; else empty).
   */
  private static double[][] driverParts(double[] first, GravityLayout l) {
    double[][] out = new double[6][];
    int size = l.systemSize();
    int cells = size * size;
    out[0] = new double[Math.toIntExact(l.systemDoubles())];
    for (int s = 0; s < l.systems(); s++) {
      double[] sys = Arrays.copyOfRange(first, s * cells, (s + 1) * cells);
      System.arraycopy(SymmetricInverse.sweep(sys, size), 0, out[0], s * cells, cells);
    }
    int nt = l.nt();
    for (int side = 0; side < 2; side++) {
      int count = l.threeWay() ? (side == 0 ? l.ni() : l.nj()) : 0;
      double[] pinv = new double[count * nt * nt];
      double[] r = new double[count * nt * nt];
      int sideNo = side;
      // One T x T pseudo-inverse per origin (destination), independent: in parallel over the
      // cores, each written to its own slice.
      java.util.stream.IntStream.range(0, count).parallel().forEach(id -> {
        int block = id * nt * nt;
        double[][] hp = SymmetricInverse.pinv(square(first, l.blockOffset(sideNo) + block, nt));
        double[][] rr = multiply(multiply(hp,
            square(first, l.blockOffset(2 + sideNo) + block, nt)), hp);
        for (int a = 0; a < nt; a++) {
          System.arraycopy(hp[a], 0, pinv, block + a * nt, nt);
          System.arraycopy(rr[a], 0, r, block + a * nt, nt);
        }
      });
      out[1 + side] = pinv;
      out[3 + side] = r;
    }
    out[5] = l.threeWay() && !l.exact()
        ? Arrays.copyOfRange(first, l.lambdaSumOffset(0), l.presenceOffset()) : new double[0];
    return out;
  }

  /**
   * Pass 2 for one pair: v = (I - A)^-1 e with A = H (X + P), X = x̃ B x̃', P = d̃ G d̃' (d̃ the
   * pair's (i,t) and (j,t) dummies, demeaned within the pair with weights θ = λ/Σλ in the
   * three-way model) when exact, A = H X - D' when approximate (D ≈ -(H P)') ({@link #approximation}); adds
   * (x̃'v)(x̃'e)' to Ω and (three-way) the bias terms (H x̃_k)' H_i^+ e, (H x̃_k)' H_j^+ e,
   * tr(Γ_k R_i), tr(Γ_k R_j) with Γ_k = -(diag(x̃_k) H + H diag(x̃_k)). acc = [Ω (k x k), B1,
   * D1, B2, D2 (k each)].
   */
  static void secondPass(PairBlock p, GravityLayout l, double[][] parts, double[][] bread,
      double[] acc, boolean perPair) {
    int n = p.n();
    int k = l.k();
    double[][] h = p.hessian(l.threeWay());
    double[] e = p.residuals();
    double[][] xbx = new double[n][n];
    for (int r = 0; r < n; r++) {
      double[] xb = new double[k];
      for (int a = 0; a < k; a++) {
        for (int b = 0; b < k; b++) {
          xb[a] += p.x[r][b] * bread[b][a];
        }
      }
      for (int s = 0; s < n; s++) {
        double v = 0;
        for (int a = 0; a < k; a++) {
          v += xb[a] * p.x[s][a];
        }
        xbx[r][s] = v;
      }
    }
    double[][] m;
    if (l.exact()) {
      double[][] q = leverage(p, l, parts[0]);
      for (int r = 0; r < n; r++) {
        for (int s = 0; s < n; s++) {
          q[r][s] += xbx[r][s];
        }
      }
      m = identityMinus(hessianTimes(p, l.threeWay(), q));
    } else {
      double[][] hx = hessianTimes(p, l.threeWay(), xbx);
      double[][] d = approximation(p, l, parts[5]);
      m = new double[n][n];
      for (int r = 0; r < n; r++) {
        for (int s = 0; s < n; s++) {
          m[r][s] = (r == s ? 1 : 0) - hx[r][s] + d[s][r];
        }
      }
    }
    // Approximate: 1'(I + D' - H X) = 0 (D's rows sum to -1), so the system is singular and, as
    // ppml_fe_bias (Newton-Schulz iteration), its pseudo-inverse applies: with e ⊥ 1 (the pair's
    // first-order condition), m^+ e = m' (m m' + 1 1')^-1 e.
    double[] lev = l.exact() ? SymmetricInverse.solve(m, e) : minimumNorm(m, e);
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
    if (perPair) {
      int at = k * k + 4 * k + (p.i * l.nj() + p.j) * (k + 1);
      for (int a = 0; a < k; a++) {
        acc[at + a] += xv[a];
      }
      acc[at + k] += 1;
    }
    if (l.threeWay()) {
      biasTerms(p, l, h, e, parts, acc);
    }
  }

  /** P = d̃ G d̃' for the pair, from the generalized inverse of the exact system(s). */
  private static double[][] leverage(PairBlock p, GravityLayout l, double[] g) {
    int n = p.n();
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
    return q;
  }

  /**
   * ppml_fe_bias's approximation (three-way): the pair's block D of the truncated expansion
   * -W_it + W_it W_ij - W_jt + W_jt W_it - W_jt W_it W_ij + W_jt W_ij - W_ij + W_ij W_it
   * - W_ij W_it W_ij + W_ij W_jt - W_ij W_jt W_it + W_ij W_jt W_it W_ij - W_ij W_jt W_ij, W_g the
   * λ-weighted mean within the groups g. Within one pair every chain of these means stays in the
   * pair, so each product's block needs only the pair's shares θ_it = λ/Σ_(i,t) λ, θ_jt and
   * θ_ij = λ/Σ_(i,j) λ (derivation in docs/estimation.md).
   */
  static double[][] approximation(PairBlock p, GravityLayout l, double[] lambdaSums) {
    int n = p.n();
    int nt = l.nt();
    double[] tij = p.shares();
    double[] tit = new double[n];
    double[] tjt = new double[n];
    double c1 = 0;
    double c2 = 0;
    double c3 = 0;
    for (int r = 0; r < n; r++) {
      tit[r] = p.lambda[r] / lambdaSums[p.i * nt + p.t[r]];
      tjt[r] = p.lambda[r] / lambdaSums[l.ni() * nt + p.j * nt + p.t[r]];
      c1 += tij[r] * tit[r];
      c2 += tij[r] * tjt[r] * tit[r];
      c3 += tij[r] * tjt[r];
    }
    double[][] d = new double[n][n];
    for (int r = 0; r < n; r++) {
      for (int s = 0; s < n; s++) {
        double v = (tit[r] + tjt[r] - tjt[r] * tit[r] - 1 + tit[s] - c1 + tjt[s]
            - tjt[s] * tit[s] + c2 - c3) * tij[s];
        if (r == s) {
          v += -tit[r] - tjt[r] + tjt[r] * tit[r];
        }
        d[r][s] = v;
      }
    }
    return d;
  }

  private static void biasTerms(PairBlock p, GravityLayout l, double[][] h, double[] e,
      double[][] parts, double[] acc) {
    int n = p.n();
    int k = l.k();
    int nt = l.nt();
    int[] sideId = {p.i, p.j};
    int at = k * k;
    for (int c = 0; c < k; c++) {
      double[] u = new double[n];
      for (int r = 0; r < n; r++) {
        for (int s = 0; s < n; s++) {
          u[r] += h[r][s] * p.x[s][c];
        }
      }
      for (int side = 0; side < 2; side++) {
        double[] pinv = parts[1 + side];
        double[] rr = parts[3 + side];
        int block = sideId[side] * nt * nt;
        double first = 0;
        double second = 0;
        for (int r = 0; r < n; r++) {
          for (int s = 0; s < n; s++) {
            first += u[r] * pinv[block + p.t[r] * nt + p.t[s]] * e[s];
            second -= (p.x[r][c] + p.x[s][c]) * h[r][s] * rr[block + p.t[s] * nt + p.t[r]];
          }
        }
        acc[at + side * k + c] += first;
        acc[at + (2 + side) * k + c] += second;
      }
    }
  }

  /** m^+ e for m whose left null space is spanned by 1, and e ⊥ 1. */
  private static double[] minimumNorm(double[][] m, double[] e) {
    int n = m.length;
    double[][] mmt = new double[n][n];
    for (int r = 0; r < n; r++) {
      for (int s = 0; s <= r; s++) {
        double v = 1;
        for (int u = 0; u < n; u++) {
          v += m[r][u] * m[s][u];
        }
        mmt[r][s] = v;
        mmt[s][r] = v;
      }
    }
    double[] z = SymmetricInverse.solve(mmt, e);
    double[] out = new double[n];
    for (int r = 0; r < n; r++) {
      for (int u = 0; u < n; u++) {
        out[r] += m[u][r] * z[u];
      }
    }
    return out;
  }

  /** H q in O(T²): H = Λ - λλ'/Σλ (three-way) or Λ, diagonal plus rank one. */
  static double[][] hessianTimes(PairBlock p, boolean threeWay, double[][] q) {
    int n = p.n();
    double[][] out = new double[n][n];
    double[] lq = new double[n];
    double sum = 0;
    if (threeWay) {
      for (int u = 0; u < n; u++) {
        sum += p.lambda[u];
        for (int s = 0; s < n; s++) {
          lq[s] += p.lambda[u] * q[u][s];
        }
      }
    }
    for (int r = 0; r < n; r++) {
      double lr = p.lambda[r];
      for (int s = 0; s < n; s++) {
        out[r][s] = lr * q[r][s] - (threeWay ? lr * lq[s] / sum : 0);
      }
    }
    return out;
  }

  /**
   * The leave-one-pair-out jackknife with the fixed effects' leverage: pair p's change of the
   * estimates when it is left out is δ_p = B x̃_p'(I - A_p)⁻¹e_p (B the bread, A_p the pair's block
   * of the full hat matrix, regressors and fixed effects, as in the variance: x̃'v above), the
   * exact leave-one-cluster-out identity of a weighted least-squares step (by Woodbury on the
   * regressors and dummies together); CV3 = (G - 1)/G Σ_p (δ_p - δ̄)(δ_p - δ̄)'.
   */
  private static double[][] jackknife(double[] second, int from, GravityLayout l,
      double[][] bread) {
    int k = l.k();
    List<double[]> deltas = new ArrayList<>();
    for (int slot = 0; slot < l.ni() * l.nj(); slot++) {
      int at = from + slot * (k + 1);
      if (second[at + k] > 0) {
        deltas.add(Linear.times(bread, Arrays.copyOfRange(second, at, at + k)));
      }
    }
    return ClusterJackknife.centred(deltas.toArray(new double[0][]), new boolean[k]);
  }

  private static double[][] nanMatrix(int k) {
    double[][] m = new double[k][k];
    for (double[] row : m) {
      Arrays.fill(row, Double.NaN);
    }
    return m;
  }

  private static double[][] identityMinus(double[][] a) {
    int n = a.length;
    double[][] m = new double[n][n];
    for (int r = 0; r < n; r++) {
      for (int s = 0; s < n; s++) {
        m[r][s] = (r == s ? 1 : 0) - a[r][s];
      }
    }
    return m;
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
    int w = b.length == 0 ? 0 : b[0].length;
    double[][] c = new double[n][w];
    for (int r = 0; r < n; r++) {
      for (int u = 0; u < b.length; u++) {
        double v = a[r][u];
        if (v == 0) {
          continue;
        }
        for (int s = 0; s < w; s++) {
          c[r][s] += v * b[u][s];
        }
      }
    }
    return c;
  }
}
