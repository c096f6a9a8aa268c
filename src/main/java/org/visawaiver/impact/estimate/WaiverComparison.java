package org.visawaiver.impact.estimate;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.special.Gamma;
import org.visawaiver.impact.estimate.result.CoefficientRow;
import org.visawaiver.impact.estimate.result.FitResult;
import org.visawaiver.impact.estimate.spec.Term;
import org.visawaiver.impact.domain.WaiverTerms;

/**
 * The waiver effects of the compared destinations side by side, and the Wald test that they are
 * equal: W = (Rb)'(R V R')^-1 (Rb) with rows of R = e_1 - e_j, chi-squared with (m - 1) degrees of
 * freedom (commons-math3). The p-value is the upper tail computed directly, Q(df/2, W/2), so a large
 * statistic gives 1.2E-40 rather than 1 - 1 = 0.
 *
 * @param model the model
 * @param effects one coefficient row per compared destination found in the model, in order
 * @param destinations the destinations of {@code effects}
 * @param statistic the Wald statistic, NaN when fewer than two destinations are in the model
 * @param df degrees of freedom (m - 1)
 * @param pValue upper tail probability
 */
public record WaiverComparison(String model, List<CoefficientRow> effects, List<String> destinations,
    double statistic, int df, double pValue) {

  public static WaiverComparison of(FitResult fit, List<String> compare) {
    List<CoefficientRow> rows = new ArrayList<>();
    List<String> dests = new ArrayList<>();
    List<Integer> idx = new ArrayList<>();
    List<CoefficientRow> table = fit.table();
    for (String d : compare) {
      int i = fit.terms().indexOf(WaiverTerms.of(d));
      if (i >= 0) {
        rows.add(table.get(i));
        dests.add(d);
        idx.add(i);
      }
    }
    int m = idx.size();
    if (m < 2) {
      return new WaiverComparison(fit.model(), rows, dests, Double.NaN, Math.max(m - 1, 0),
          Double.NaN);
    }
    double[] b = fit.coefficients();
    double[][] v = fit.vcov();
    double[] rb = new double[m - 1];
    double[][] rvr = new double[m - 1][m - 1];
    for (int a = 1; a < m; a++) {
      rb[a - 1] = b[idx.get(0)] - b[idx.get(a)];
      for (int c = 1; c < m; c++) {
        int i0 = idx.get(0);
        int ia = idx.get(a);
        int ic = idx.get(c);
        rvr[a - 1][c - 1] = v[i0][i0] - v[i0][ic] - v[ia][i0] + v[ia][ic];
      }
    }
    RealMatrix inv = new LUDecomposition(new Array2DRowRealMatrix(rvr)).getSolver().getInverse();
    double w = 0;
    for (int a = 0; a < m - 1; a++) {
      for (int c = 0; c < m - 1; c++) {
        w += rb[a] * inv.getEntry(a, c) * rb[c];
      }
    }
    double p = chiSquaredUpperTail(w, m - 1);
    return new WaiverComparison(fit.model(), rows, dests, w, m - 1, p);
  }

  /** P(X > w) for X chi-squared with df degrees of freedom, accurate far into the tail. */
  public static double chiSquaredUpperTail(double w, int df) {
    return w <= 0 ? 1.0 : Gamma.regularizedGammaQ(df / 2.0, w / 2.0);
  }

  /** "b_VNM = b_THA = b_LAO". */
  public String hypothesis() {
    return String.join(" = ", destinations.stream().map(d -> "b_" + d).toList());
  }
}
