package org.visawaiver.impact.estimate.ols;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.visawaiver.impact.estimate.demean.Demeaner;
import org.visawaiver.impact.estimate.demean.FixedEffectKernel;
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
  public static CrossProducts of(JavaRDD<Block> blocks, FeLayout layout, Demeaner.Solution sol) {
    if (sol.crossSums() != null) {
      return fromSums(sol.crossSums(), sol.coef().length);
    }
    return compute(blocks, layout, sol.coef());
  }

  public static CrossProducts compute(JavaRDD<Block> blocks, FeLayout layout, double[][] alpha) {
    int m = alpha.length;
    int[] offsets = layout.offsets();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(blocks.context());
    Broadcast<double[][]> coef = jsc.broadcast(alpha);
    int size = m * m + 1 + 2 * m;
    double[] agg =
        blocks.treeAggregate(
            new double[size],
            (acc, b) -> {
              double[][] e = new double[m][];
              for (int c = 0; c < m; c++) {
                e[c] = FixedEffectKernel.residual(b, offsets, b.column(c), coef.value()[c], 0);
              }
              for (int i = 0; i < b.n; i++) {
                double w = b.weight(i);
                for (int a = 0; a < m; a++) {
                  double wa = w * e[a][i];
                  for (int c = a; c < m; c++) {
                    acc[a * m + c] += wa * e[c][i];
                  }
                  double v = b.column(a)[i];
                  acc[m * m + 1 + a] += w * v;
                  acc[m * m + 1 + m + a] += w * v * v;
                }
                acc[m * m] += w;
              }
              return acc;
            },
            Demeaner::add,
            2);
    coef.destroy();
    return fromSums(agg, m);
  }

  /** Decodes [a * m + c] (c >= a) = Σ w e_a e_c, [m²] = Σ w, then Σ w v and Σ w v². */
  static CrossProducts fromSums(double[] agg, int m) {
    double[][] g = new double[m][m];
    for (int a = 0; a < m; a++) {
      for (int c = a; c < m; c++) {
        g[a][c] = agg[a * m + c];
        g[c][a] = agg[a * m + c];
      }
    }
    double[] sums = java.util.Arrays.copyOfRange(agg, m * m + 1, m * m + 1 + m);
    double[] squares = java.util.Arrays.copyOfRange(agg, m * m + 1 + m, m * m + 1 + 2 * m);
    return new CrossProducts(g, agg[m * m], sums, squares);
  }
}
