package org.visawaiver.impact.estimate.inference;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.visawaiver.impact.estimate.demean.Demeaner;
import org.visawaiver.impact.estimate.demean.FixedEffectKernel;
import org.visawaiver.impact.estimate.exec.Blocks;
import org.visawaiver.impact.estimate.exec.CacheScope;
import org.visawaiver.impact.estimate.exec.Shared;
import org.visawaiver.impact.estimate.frame.Block;
import org.visawaiver.impact.estimate.frame.FeLayout;
import org.visawaiver.impact.estimate.ols.WeightedFit;

/**
 * The exact WCR's cross-cluster term for fixed effects that are not nested in the clusters: for a
 * term j with a = X̃ bread e_j, each cluster's part a 1_h is demeaned (one demeaning of G columns,
 * on the cached blocks), and T[h][g][m] = Σ_{i in g} (P_D(a 1_h))_i u_mi is summed in one more
 * pass (u_0 = residual, u_m = x̃_{m-1}). G² (k + 1) numbers per term; memory G columns of the data
 * while it runs.
 */
public final class SpreadSums {
  private SpreadSums() {}

  /**
   * @param terms kept positions of the terms to bootstrap
   * @return term -> T[h][g][m]
   */
  public static Map<Integer, double[][][]> of(Blocks<Block> blocks, FeLayout layout, double tol,
      int maxIterations, double[][] xCoef, int[] idx, double[] beta, double[] gamma,
      double[][] bread, int[] terms, ClusterMoments sums, int dim, int levels) {
    int gs = sums.clusters();
    int[] pos = new int[levels];
    Arrays.fill(pos, -1);
    for (int g = 0; g < gs; g++) {
      pos[sums.ids()[g]] = g;
    }
    int[] offsets = layout.offsets();
    try (CacheScope cache = new CacheScope()) {
      return spread(blocks, layout, tol, maxIterations, offsets, cache.own(blocks.share(xCoef)),
          cache.own(blocks.share(pos)), cache.own(blocks.share(gamma)), idx, beta, bread, terms,
          gs, dim, cache);
    }
  }

  private static Map<Integer, double[][][]> spread(Blocks<Block> blocks, FeLayout layout,
      double tol, int maxIterations, int[] offsets, Shared<double[][]> coef, Shared<int[]> where,
      Shared<double[]> gam, int[] idx, double[] beta, double[][] bread, int[] terms, int gs,
      int dim, CacheScope cache) {
    int k = idx.length;
    int[] ix = idx.clone();
    double[] b0 = beta.clone();
    Map<Integer, double[][][]> out = new HashMap<>();
    for (int j : terms) {
      double[] c = Linear.column(bread, j);
      Blocks<Block> masked = cache.own(blocks.map(b -> {
        double[] a = direction(b, offsets, coef.value(), ix, c);
        double[][] cols = Arrays.copyOf(b.x, b.x.length + gs);
        for (int h = 0; h < gs; h++) {
          cols[b.x.length + h] = new double[b.n];
        }
        long[] ids = b.clusters[dim];
        for (int i = 0; i < b.n; i++) {
          cols[b.x.length + where.value()[(int) ids[i]]][i] = a[i];
        }
        return b.withRegressors(cols);
      }));
      int base = b0.length;
      int[] cols = new int[gs];
      for (int h = 0; h < gs; h++) {
        cols[h] = base + 1 + h;
      }
      Demeaner.Solution sol = new Demeaner(masked, layout, tol, maxIterations).solve(cols, null);
      Shared<double[][]> mc = cache.own(blocks.share(sol.coef()));
      int width = k + 1;
      double[] t = masked.sum(gs * gs * width, (b, acc) -> {
        double[][] u = new double[width][];
        u[0] = WeightedFit.residual(b, offsets, b0, gam.value());
        for (int a = 0; a < k; a++) {
          u[a + 1] = FixedEffectKernel.residual(b, offsets, b.x[ix[a]], coef.value()[a], 0);
        }
        long[] ids = b.clusters[dim];
        for (int h = 0; h < gs; h++) {
          double[] v = b.x[base + h];
          double[] md = FixedEffectKernel.residual(b, offsets, v, mc.value()[h], 0);
          for (int i = 0; i < b.n; i++) {
            double pd = v[i] - md[i];
            int at = (h * gs + where.value()[(int) ids[i]]) * width;
            for (int m = 0; m < width; m++) {
              acc[at + m] += pd * u[m][i];
            }
          }
        }
      });
      cache.release(mc);
      cache.release(masked);
      double[][][] tj = new double[gs][gs][];
      for (int h = 0; h < gs; h++) {
        for (int g = 0; g < gs; g++) {
          int at = (h * gs + g) * width;
          tj[h][g] = Arrays.copyOfRange(t, at, at + width);
        }
      }
      out.put(j, tj);
    }
    return out;
  }

  /** a = X̃ c for one block. */
  static double[] direction(Block b, int[] offsets, double[][] xCoef, int[] idx, double[] c) {
    double[] a = new double[b.n];
    for (int m = 0; m < idx.length; m++) {
      if (c[m] == 0) {
        continue;
      }
      double[] xt = FixedEffectKernel.residual(b, offsets, b.x[idx[m]], xCoef[m], 0);
      for (int i = 0; i < b.n; i++) {
        a[i] += c[m] * xt[i];
      }
    }
    return a;
  }
}
