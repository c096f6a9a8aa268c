package org.visawaiver.impact.estimate.ols;

import org.visawaiver.impact.estimate.demean.Demeaner;
import org.visawaiver.impact.estimate.demean.FixedEffectKernel;
import org.visawaiver.impact.estimate.demean.LevelSumsLayout;
import org.visawaiver.impact.estimate.exec.Blocks;
import org.visawaiver.impact.estimate.exec.Shared;
import org.visawaiver.impact.estimate.frame.Block;
import org.visawaiver.impact.estimate.frame.FeLayout;

/**
 * One pass: the weighted cross-products of the demeaned columns (working outcome and regressors)
 * and, per column, the raw weighted sums needed to tell a regressor that the fixed effects absorb
 * from one that merely has a large mean.
 *
 * @param demeaned [a][b] = Σ w ẽ_a ẽ_b over columns 0..k (0 = working outcome)
 * @param sumW Σ w
 * @param sums Σ w v_c
 * @param squares Σ w v_c²
 */
public record CrossProducts(double[][] demeaned, double sumW, double[] sums, double[] squares) {

  /**
   * The cross-products at a demeaning solution of all columns (0..m-1 in order): taken from the
   * solver's last pass when it made one at the solution, else one pass.
   */
  public static CrossProducts of(Blocks<Block> blocks, FeLayout layout, Demeaner.Solution sol) {
    if (sol.crossSums() != null) {
      return fromSums(sol.crossSums(), sol.coef().length);
    }
    return compute(blocks, layout, sol.coef());
  }

  /**
   * One pass for the cross-products at alpha, with the demeaner's own kernel (its level sums are
   * not needed here: this runs when there are no broadcast fixed effects, or when the solver
   * stopped without a pass at its solution).
   */
  private static CrossProducts compute(Blocks<Block> blocks, FeLayout layout, double[][] alpha) {
    int m = alpha.length;
    int size = layout.broadcastSize();
    int[] offsets = layout.offsets();
    Shared<double[]> coef = blocks.share(FixedEffectKernel.levelMajor(alpha, size));
    LevelSumsLayout sums = LevelSumsLayout.crossProducts(m, size);
    double[] agg = blocks.sum(sums.length(),
        (b, acc) -> {
          double[][] base = new double[m][];
          for (int c = 0; c < m; c++) {
            base[c] = b.column(c);
          }
          FixedEffectKernel.levelSums(b, offsets, base, coef.value(), sums, acc);
        });
    coef.destroy();
    return fromSums(sums.crossOf(agg), m);
  }

  /** Decodes the cross-products section of {@link LevelSumsLayout} for m columns. */
  static CrossProducts fromSums(double[] agg, int m) {
    double[][] g = new double[m][m];
    for (int a = 0; a < m; a++) {
      for (int c = a; c < m; c++) {
        g[a][c] = agg[a * m + c];
        g[c][a] = agg[a * m + c];
      }
    }
    int at = LevelSumsLayout.crossRawSums(m);
    double[] sums = java.util.Arrays.copyOfRange(agg, at, at + m);
    at = LevelSumsLayout.crossRawSquares(m);
    double[] squares = java.util.Arrays.copyOfRange(agg, at, at + m);
    return new CrossProducts(g, agg[LevelSumsLayout.crossSumW(m)], sums, squares);
  }
}
