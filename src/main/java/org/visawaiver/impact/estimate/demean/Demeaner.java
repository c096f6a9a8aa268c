package org.visawaiver.impact.estimate.demean;

import java.util.Arrays;
import org.visawaiver.impact.estimate.exec.Blocks;
import org.visawaiver.impact.estimate.exec.Shared;
import org.visawaiver.impact.estimate.frame.Block;
import org.visawaiver.impact.estimate.frame.FeLayout;

/**
 * Absorbs the fixed effects of several columns at once by preconditioned conjugate gradients on
 * the normal equations of the broadcast fixed effects, D'W P D alpha = D'W P v (P: exact
 * within-transformation of the local fixed effect, identity without one; Jacobi preconditioner =
 * the weight of each level). Each iteration is one treeAggregate of the level sums of all columns
 * still iterating. A column stops when sqrt(r' M^-1 r) <= tol * sqrt(Σ w e²): the weighted size
 * of the level means still left in the residual e is below tol times the residual itself. The
 * rule is re-checked on the true residual (not the recursively updated one) before stopping.
 */
public final class Demeaner {
  private static final int MAX_RESTARTS = 5;

  private final Blocks<Block> blocks;
  private final FeLayout layout;
  private final double tol;
  private final int maxIterations;

  /**
   * @param coef [column][level] broadcast fixed-effect coefficients; demeaned column c is
   *     P(v_c - D coef[c])
   * @param iterations conjugate-gradient iterations (passes over the data) used
   * @param converged every column met the stopping rule
   * @param worstRatio the largest sqrt(r'M^-1 r) / sqrt(Σ w e²) at the end
   * @param crossSums the weighted cross-products of the demeaned columns at coef: the
   *     cross-products section of {@link LevelSumsLayout} (from the pass that checked
   *     convergence), or null when no pass was made at coef
   */
  public record Solution(double[][] coef, int iterations, boolean converged, double worstRatio,
      double[] crossSums) {}

  public Demeaner(Blocks<Block> blocks, FeLayout layout, double tol, int maxIterations) {
    this.blocks = blocks;
    this.layout = layout;
    this.tol = tol;
    this.maxIterations = maxIterations;
  }

  /**
   * Sums a caller takes along in the solve's first pass (a job less than a pass of their own),
   * and the tolerance it then sets: PPML's IRLS sums the deviance of the blocks it is about to
   * demean, and from it decides whether the step that made them stands and how tightly to demean.
   */
  public interface FirstPass {
    /** Length of the sums. */
    int length();

    /** One block's share of the sums. */
    Blocks.Contribution<Block> contribution();

    /** The tolerance to demean to, given the sums; NaN stops the solve before it goes on. */
    double tolerance(double[] sums);
  }

  /** Solves for the given columns (0 = working outcome, 1..k regressors) from a warm start. */
  public Solution solve(int[] cols, double[][] warm) {
    return solve(cols, warm, null);
  }

  /**
   * As {@link #solve(int[], double[][])}, with {@code first}'s sums taken in the first pass and
   * its tolerance used instead of the constructor's; null when {@code first} stopped the solve.
   */
  public Solution solve(int[] cols, double[][] warm, FirstPass first) {
    double tol = this.tol;
    int m = cols.length;
    int size = layout.broadcastSize();
    double[][] alpha = new double[m][];
    for (int c = 0; c < m; c++) {
      alpha[c] = warm != null && warm[c] != null ? warm[c].clone() : new double[size];
    }
    if (size == 0) {
      if (first != null && Double.isNaN(first.tolerance(blocks.sum(first.length(),
          first.contribution())))) {
        return null;
      }
      return new Solution(alpha, 0, true, 0, null);
    }
    int iterations = 0;
    double worst = Double.POSITIVE_INFINITY;
    for (int restart = 0; restart <= MAX_RESTARTS; restart++) {
      Gradient g = gradient(cols, alpha, restart == 0 ? first : null);
      iterations++;
      if (g.extra() != null) {
        tol = first.tolerance(g.extra());
        if (Double.isNaN(tol)) {
          return null;
        }
      }
      double[] minv = new double[size];
      for (int l = 0; l < size; l++) {
        minv[l] = g.levelWeights[l] > 0 ? 1.0 / g.levelWeights[l] : 0.0;
      }
      double[][] r = g.r;
      double[][] zz = new double[m][];
      double[][] p = new double[m][];
      double[] rz = new double[m];
      boolean[] active = new boolean[m];
      worst = 0;
      for (int c = 0; c < m; c++) {
        zz[c] = times(minv, r[c]);
        p[c] = zz[c].clone();
        rz[c] = dot(r[c], zz[c]);
        double ratio = ratio(rz[c], g.ss[c]);
        worst = Math.max(worst, ratio);
        active[c] = ratio > tol;
      }
      if (!any(active)) {
        return new Solution(alpha, iterations, true, worst, g.cross);
      }
      while (any(active) && iterations < maxIterations) {
        double[][] q = product(p, active);
        iterations++;
        for (int c = 0; c < m; c++) {
          if (!active[c]) {
            continue;
          }
          double pq = dot(p[c], q[c]);
          if (!(pq > 0)) {
            active[c] = false;
            continue;
          }
          double a = rz[c] / pq;
          axpy(a, p[c], alpha[c]);
          axpy(-a, q[c], r[c]);
          zz[c] = times(minv, r[c]);
          double rzNew = dot(r[c], zz[c]);
          if (ratio(rzNew, g.ss[c]) <= tol * 0.5) {
            active[c] = false;
            continue;
          }
          double beta = rzNew / rz[c];
          for (int l = 0; l < size; l++) {
            p[c][l] = zz[c][l] + beta * p[c][l];
          }
          rz[c] = rzNew;
        }
      }
      if (iterations >= maxIterations) {
        Gradient last = gradient(cols, alpha, null);
        worst = 0;
        for (int c = 0; c < m; c++) {
          worst = Math.max(worst, ratio(dot(last.r[c], times(minv, last.r[c])), last.ss[c]));
        }
        return new Solution(alpha, iterations, worst <= tol, worst, last.cross);
      }
    }
    return new Solution(alpha, iterations, false, worst, null);
  }

  private static double ratio(double rz, double ss) {
    if (ss <= 0) {
      return rz <= 0 ? 0 : Double.POSITIVE_INFINITY;
    }
    return Math.sqrt(Math.max(rz, 0) / ss);
  }

  private record Gradient(double[][] r, double[] ss, double[] levelWeights, double[] cross,
      double[] extra) {}

  /**
   * One pass: r_c = D'W e_c with e_c = P(v_c - D alpha_c), Σ w e_c², the level weights and the
   * cross-products of the e_c; and {@code first}'s sums, when given.
   */
  private Gradient gradient(int[] cols, double[][] alpha, FirstPass first) {
    int m = cols.length;
    int size = layout.broadcastSize();
    int[] offsets = layout.offsets();
    Shared<double[]> coef = blocks.share(FixedEffectKernel.levelMajor(alpha, size));
    LevelSumsLayout sums = LevelSumsLayout.gradient(m, size);
    // The first pass's extra sums follow the layout's vector.
    int extraAt = sums.length();
    int extra = first == null ? 0 : first.length();
    Blocks.Contribution<Block> more = first == null ? null : first.contribution();
    double[] agg =
        blocks.sum(extraAt + extra,
            (b, acc) -> {
              double[][] base = new double[m][];
              for (int c = 0; c < m; c++) {
                base[c] = b.column(cols[c]);
              }
              FixedEffectKernel.levelSums(b, offsets, base, coef.value(), sums, acc);
              if (more != null) {
                double[] own = new double[extra];
                more.add(b, own);
                for (int i = 0; i < extra; i++) {
                  acc[extraAt + i] += own[i];
                }
              }
            });
    coef.destroy();
    return new Gradient(sums.levelSums(agg, 1.0), sums.squaresOf(agg), sums.weightsOf(agg),
        sums.crossOf(agg), first == null ? null : Arrays.copyOfRange(agg, extraAt, agg.length));
  }

  /** One pass: q_c = D'W P D p_c for the active columns (null for the others). */
  private double[][] product(double[][] p, boolean[] active) {
    int m = p.length;
    int size = layout.broadcastSize();
    int[] offsets = layout.offsets();
    int width = 0;
    for (boolean a : active) {
      if (a) {
        width++;
      }
    }
    double[][] dir = new double[width][];
    for (int c = 0, j = 0; c < m; c++) {
      if (active[c]) {
        dir[j++] = p[c];
      }
    }
    Shared<double[]> bd = blocks.share(FixedEffectKernel.levelMajor(dir, size));
    int w = width;
    // e = P(0 - D p) = -P D p, so the level sums are -D'W P D p.
    LevelSumsLayout layoutOfSums = LevelSumsLayout.product(w, size);
    double[] agg = blocks.sum(layoutOfSums.length(),
        (b, acc) -> FixedEffectKernel.levelSums(b, offsets, null, bd.value(), layoutOfSums, acc));
    bd.destroy();
    double[][] sums = layoutOfSums.levelSums(agg, -1.0);
    double[][] q = new double[m][];
    for (int c = 0, j = 0; c < m; c++) {
      if (active[c]) {
        q[c] = sums[j++];
      }
    }
    return q;
  }

  private static boolean any(boolean[] f) {
    for (boolean b : f) {
      if (b) {
        return true;
      }
    }
    return false;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static double[] times(double[] d, double[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = d[i] * v[i];
    }
    return out;
  }

  private static void axpy(double a, double[] x, double[] y) {
    for (int i = 0; i < x.length; i++) {
      y[i] += a * x[i];
    }
  }
}
