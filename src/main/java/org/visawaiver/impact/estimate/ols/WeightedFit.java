package org.visawaiver.impact.estimate.ols;

import java.util.List;
import org.visawaiver.impact.estimate.demean.FixedEffectKernel;
import org.visawaiver.impact.estimate.exec.Blocks;
import org.visawaiver.impact.estimate.frame.Block;

/**
 * The last weighted least-squares step of a fit (the only step for OLS; the converged IRLS step
 * for PPML): what the variance needs.
 *
 * @param blocks observations with the final weights and working outcome
 * @param alpha [column][level] fixed-effect coefficients of each demeaned column
 * @param beta coefficients, NaN for dropped regressors
 * @param kept which regressors were kept
 * @param bread (X̃'WX̃)^-1 over the kept regressors
 * @param iterations IRLS iterations (1 for OLS)
 * @param demeanIterations passes of the fixed-effect solver, all steps together
 * @param converged IRLS and every demeaning met their tolerance
 * @param deviance Poisson deviance, or the residual sum of squares for OLS
 * @param notes remarks (collinearity, convergence)
 */
public record WeightedFit(
    Blocks<Block> blocks,
    double[][] alpha,
    double[] beta,
    boolean[] kept,
    double[][] bread,
    int iterations,
    int demeanIterations,
    boolean converged,
    double deviance,
    List<String> notes) {
  public WeightedFit {
    notes = List.copyOf(notes);
  }

  /** γ = α_0 - Σ_j β_j α_j: the fixed effects of the working outcome net of the regressors. */
  public static double[] combined(double[][] alpha, double[] beta) {
    double[] g = alpha[0].clone();
    for (int j = 0; j < beta.length; j++) {
      if (!Double.isNaN(beta[j])) {
        for (int l = 0; l < g.length; l++) {
          g[l] -= beta[j] * alpha[j + 1][l];
        }
      }
    }
    return g;
  }

  /** Residual of the weighted regression for one block: P((z - Xβ) - Dγ). */
  public static double[] residual(Block b, int[] offsets, double[] beta, double[] gamma) {
    double[] base = b.column(0).clone();
    for (int j = 0; j < beta.length; j++) {
      if (!Double.isNaN(beta[j])) {
        double[] x = b.x[j];
        for (int i = 0; i < b.n; i++) {
          base[i] -= beta[j] * x[i];
        }
      }
    }
    return FixedEffectKernel.residual(b, offsets, base, gamma, 0);
  }
}
