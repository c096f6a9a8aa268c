package org.visawaiver.impact.estimate.ols;

import java.util.ArrayList;
import java.util.List;
import org.visawaiver.impact.estimate.spec.EstimationException;
import org.visawaiver.impact.estimate.demean.Demeaner;
import org.visawaiver.impact.estimate.frame.ModelFrame;
import org.visawaiver.impact.estimate.spec.EstimationSettings;

/** OLS by the within transformation: demean outcome and regressors, then least squares. */
public final class WithinOls {
  private WithinOls() {}

  public static WeightedFit fit(ModelFrame frame, EstimationSettings settings, String model) {
    int m = frame.terms().size() + 1;
    Demeaner demeaner = new Demeaner(frame.blocks(), frame.layout(), settings.demeanTol(),
        settings.demeanMaxIterations());
    Demeaner.Solution sol = demeaner.solve(allColumns(m), null);
    CrossProducts cp = CrossProducts.of(frame.blocks(), frame.layout(), sol);
    LeastSquares.Selection sel = select(cp, frame, settings, model);
    LeastSquares.Solution ls = LeastSquares.solve(cp, sel.kept());
    List<String> notes = new ArrayList<>(sel.notes());
    if (!sol.converged()) {
      notes.add(demeanNote(sol, settings));
    }
    double rss = cp.demeaned()[0][0];
    double[] beta = ls.beta();
    for (int j = 0; j < beta.length; j++) {
      if (!Double.isNaN(beta[j])) {
        rss -= beta[j] * cp.demeaned()[0][j + 1];
      }
    }
    return new WeightedFit(frame.blocks(), sol.coef(), beta, sel.kept(), ls.bread(), 1,
        sol.iterations(), sol.converged(), rss, notes);
  }

  public static int[] allColumns(int m) {
    int[] cols = new int[m];
    for (int c = 0; c < m; c++) {
      cols[c] = c;
    }
    return cols;
  }

  /** Collinearity selection; stops with a message when no regressor is left. */
  public static LeastSquares.Selection select(
      CrossProducts cp, ModelFrame frame, EstimationSettings settings, String model) {
    LeastSquares.Selection sel = LeastSquares.select(cp, frame.terms(),
        String.join(", ", frame.layout().names()), settings.collinearityTol());
    if (sel.count() == 0) {
      throw new EstimationException("model \"" + model + "\": no regressor is left to estimate: "
          + String.join("; ", sel.notes()) + "; nothing was estimated");
    }
    return sel;
  }

  public static String demeanNote(Demeaner.Solution sol, EstimationSettings settings) {
    return "fixed-effect absorption did not reach estimate.demean-tol = " + settings.demeanTol()
        + " within estimate.demean-max-iterations = " + settings.demeanMaxIterations()
        + " (remaining ratio " + String.format("%.3g", sol.worstRatio())
        + "); coefficients may be inaccurate: raise the iteration limit";
  }
}
