package org.visawaiver.impact.estimate.ols;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * The small weighted least-squares system on the driver: which regressors to keep (collinearity,
 * as fixest: a regressor is dropped when the fixed effects absorb it, or when the regressors
 * before it explain it, up to {@code estimate.collinearity-tol}), the coefficients and the bread
 * (X̃'WX̃)^-1.
 */
public final class LeastSquares {
  private LeastSquares() {}

  /**
   * @param kept per regressor (0-based, without the outcome column): kept or dropped
   * @param notes one note per dropped regressor
   */
  public record Selection(boolean[] kept, List<String> notes) {
    public int count() {
      int c = 0;
      for (boolean b : kept) {
        if (b) {
          c++;
        }
      }
      return c;
    }
  }

  /** Decides which regressors stay, scanning them in formula order. */
  public static Selection select(CrossProducts cp, List<String> terms, String fixedEffects,
      double tol) {
    int k = terms.size();
    double[][] g = cp.demeaned();
    boolean[] kept = new boolean[k];
    List<String> notes = new ArrayList<>();
    // Rows of the Cholesky factor of the kept regressors, to measure what the earlier ones explain.
    double[][] l = new double[k][k];
    List<Integer> keptIdx = new ArrayList<>();
    for (int j = 0; j < k; j++) {
      int c = j + 1;
      double centred = cp.squares()[c] - cp.sums()[c] * cp.sums()[c] / cp.sumW();
      double scale = centred > 1e-14 * cp.squares()[c] ? centred : cp.squares()[c];
      double gjj = g[c][c];
      if (!(gjj > tol * scale)) {
        notes.add(terms.get(j) + " was removed because of collinearity: it is constant within "
            + (fixedEffects.isEmpty() ? "the sample" : "the fixed effects (" + fixedEffects + ")")
            + ", so its coefficient is not identified (as fixest does)");
        continue;
      }
      double d = gjj;
      for (int a = 0; a < keptIdx.size(); a++) {
        int p = keptIdx.get(a);
        double s = g[c][p + 1];
        for (int b = 0; b < a; b++) {
          s -= l[j][b] * l[p][b];
        }
        l[j][a] = s / l[p][a];
        d -= l[j][a] * l[j][a];
      }
      if (!(d > tol * gjj)) {
        notes.add(terms.get(j) + " was removed because of collinearity with "
            + String.join(", ", keptIdx.stream().map(terms::get).toList())
            + " given the fixed effects (as fixest does)");
        continue;
      }
      // Row j of the factor: entries at the kept positions, its diagonal at its own position.
      l[j][keptIdx.size()] = Math.sqrt(d);
      keptIdx.add(j);
      kept[j] = true;
    }
    return new Selection(kept, notes);
  }

  /** Coefficients (NaN for dropped regressors) and the bread over the kept regressors. */
  public record Solution(double[] beta, double[][] bread) {}

  public static Solution solve(CrossProducts cp, boolean[] kept) {
    int k = kept.length;
    int[] idx = indices(kept);
    double[][] g = cp.demeaned();
    double[][] a = new double[idx.length][idx.length];
    double[] rhs = new double[idx.length];
    for (int i = 0; i < idx.length; i++) {
      rhs[i] = g[idx[i] + 1][0];
      for (int j = 0; j < idx.length; j++) {
        a[i][j] = g[idx[i] + 1][idx[j] + 1];
      }
    }
    RealMatrix m = new Array2DRowRealMatrix(a, false);
    DecompositionSolver solver = new CholeskyDecomposition(m, 1e-14, 0).getSolver();
    double[] b = solver.solve(new ArrayRealVector(rhs, false)).toArray();
    double[][] bread = solver.getInverse().getData();
    double[] beta = new double[k];
    java.util.Arrays.fill(beta, Double.NaN);
    for (int i = 0; i < idx.length; i++) {
      beta[idx[i]] = b[i];
    }
    return new Solution(beta, bread);
  }

  public static int[] indices(boolean[] kept) {
    int c = 0;
    for (boolean b : kept) {
      if (b) {
        c++;
      }
    }
    int[] idx = new int[c];
    for (int i = 0, j = 0; i < kept.length; i++) {
      if (kept[i]) {
        idx[j++] = i;
      }
    }
    return idx;
  }
}
