package org.visawaiver.impact.estimate.eventstudy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.apache.commons.math3.special.Gamma;
import org.visawaiver.impact.estimate.result.FitResult;

/**
 * Sun and Abraham's aggregation of the (cohort, bin) cell coefficients, as fixest's
 * {@code aggregate()} of a {@code sunab()} fit: a bin's estimate is w'b with w the cells' shares of
 * the bin's estimation observations, its SE sqrt(w'Vw); the ATT pools every cell at r >= 0 (and
 * {@code post}) the same way; the pre-trend test is the Wald test that every aggregated bin before
 * the reference (and {@code pre}) is zero. A pure function of the fit and the cell counts.
 */
public final class SunAbrahamAggregation {
  private SunAbrahamAggregation() {}

  /**
   * One cell as estimated.
   *
   * @param term the coefficient's name in the fit
   * @param cohort the cohort
   * @param bin the relative bin's name
   * @param observations estimation observations with a nonzero dummy (the weight)
   */
  public record CellCount(String term, String cohort, String bin, long observations) {}

  /**
   * One aggregated bin (the reference: estimate 0, NaN standard error and interval).
   *
   * @param cohorts cohorts with an estimated cell in the bin
   * @param observations their estimation observations (reference bin: reported panel rows)
   */
  public record BinEstimate(RelativeBins.Bin bin, boolean reference, double estimate,
      double stdError, double ciLow, double ciHigh, double effectPct, int cohorts,
      long observations) {}

  /** A pooled effect: estimate, SE and 95% interval. */
  public record Pooled(double estimate, double stdError, double ciLow, double ciHigh) {}

  /**
   * The joint test that the pre-period bins are zero: W = (Rb)'(RVR')^+(Rb) ~ chi2(df), df =
   * rank of RVR'. {@code restriction} (rows: the pre bins' weights over the fit's terms) is the
   * hook for a bootstrap p-value of the same hypothesis, {@code bootPValue} (NaN where none was
   * computed); NaN where there is no pre bin.
   */
  public record PretrendTest(List<String> bins, double[][] restriction, double wald, int df,
      double pValue, double bootPValue) {
    public PretrendTest {
      bins = List.copyOf(bins);
      restriction = restriction.clone();
    }

    /** The same test with a bootstrap p-value. */
    public PretrendTest withBootPValue(double p) {
      return new PretrendTest(bins, restriction, wald, df, pValue, p);
    }

    @Override
    public double[][] restriction() {
      return restriction.clone();
    }
  }

  /** Everything one event study reports. */
  public record Aggregates(List<BinEstimate> bins, Pooled att, PretrendTest pretrend) {
    public Aggregates {
      bins = List.copyOf(bins);
    }

    /** The same with the pre-trend test's bootstrap p-value. */
    public Aggregates withPretrendBootPValue(double p) {
      return new Aggregates(bins, att, pretrend.withBootPValue(p));
    }
  }

  /**
   * Aggregates the cells of {@code fit}. Cells without a coefficient (dropped as collinear) or
   * without observations are left out, as fixest does. {@code reference} gives the reference
   * bin's cohorts and observations for its row.
   */
  public static Aggregates of(FitResult fit, List<CellCount> cells, RelativeBins bins,
      int referenceCohorts, long referenceObservations) {
    List<String> terms = fit.terms();
    double[] b = fit.coefficients();
    double[][] v = fit.vcov();
    double crit = fit.critical();
    Map<String, List<CellCount>> byBin = byBin(terms, cells);
    List<CellCount> post = new ArrayList<>();
    for (List<CellCount> in : byBin.values()) {
      for (CellCount c : in) {
        if (!bins.bin(c.bin()).before() && !c.bin().equals(RelativeBins.PRE)) {
          post.add(c);
        }
      }
    }
    RelativeBins.Bin ref = bins.reference();
    List<BinEstimate> out = new ArrayList<>();
    List<String> preNames = new ArrayList<>();
    List<double[]> preRows = new ArrayList<>();
    for (RelativeBins.Bin bin : bins.all()) {
      if (bin.equals(ref)) {
        out.add(new BinEstimate(bin, true, 0, Double.NaN, Double.NaN, Double.NaN, 0,
            referenceCohorts, referenceObservations));
        continue;
      }
      List<CellCount> in = byBin.get(bin.name());
      if (in == null) {
        continue;
      }
      double[] w = weights(terms, in);
      Pooled p = pooled(w, b, v, crit);
      out.add(new BinEstimate(bin, false, p.estimate(), p.stdError(), p.ciLow(), p.ciHigh(),
          100 * Math.expm1(p.estimate()), in.size(), total(in)));
      if (bin.before()) {
        preNames.add(bin.name());
        preRows.add(w);
      }
    }
    Pooled att = post.isEmpty()
        ? new Pooled(Double.NaN, Double.NaN, Double.NaN, Double.NaN)
        : pooled(weights(terms, post), b, v, crit);
    return new Aggregates(out, att, wald(preNames, preRows.toArray(double[][]::new), b, v));
  }

  /**
   * The pre-trend test's R before the fit is summarised: one row of weights over {@code terms}
   * (the fit's kept terms) per aggregated bin before the reference, in bin order (what
   * {@link PretrendTest#restriction()} holds), for a bootstrap of the same hypothesis.
   */
  public static double[][] pretrendRestriction(List<String> terms, List<CellCount> cells,
      RelativeBins bins) {
    Map<String, List<CellCount>> byBin = byBin(terms, cells);
    List<double[]> rows = new ArrayList<>();
    for (RelativeBins.Bin bin : bins.all()) {
      List<CellCount> in = byBin.get(bin.name());
      if (in != null && bin.before() && !bin.equals(bins.reference())) {
        rows.add(weights(terms, in));
      }
    }
    return rows.toArray(double[][]::new);
  }

  /** The estimated cells (in the fit, with observations) by bin. */
  private static Map<String, List<CellCount>> byBin(List<String> terms, List<CellCount> cells) {
    Map<String, List<CellCount>> byBin = new LinkedHashMap<>();
    for (CellCount c : cells) {
      if (terms.contains(c.term()) && c.observations() > 0) {
        byBin.computeIfAbsent(c.bin(), k -> new ArrayList<>()).add(c);
      }
    }
    return byBin;
  }

  /** w over the fit's terms: each cell's share of the cells' observations. */
  static double[] weights(List<String> terms, List<CellCount> cells) {
    double[] w = new double[terms.size()];
    double n = total(cells);
    for (CellCount c : cells) {
      w[terms.indexOf(c.term())] = c.observations() / n;
    }
    return w;
  }

  private static long total(List<CellCount> cells) {
    return cells.stream().mapToLong(CellCount::observations).sum();
  }

  static Pooled pooled(double[] w, double[] b, double[][] v, double crit) {
    RealVector wv = new ArrayRealVector(w, false);
    double est = wv.dotProduct(new ArrayRealVector(b, false));
    double se = Math.sqrt(wv.dotProduct(new Array2DRowRealMatrix(v, false).operate(wv)));
    return new Pooled(est, se, est - crit * se, est + crit * se);
  }

  static PretrendTest wald(List<String> names, double[][] r, double[] b, double[][] v) {
    if (r.length == 0) {
      return new PretrendTest(names, r, Double.NaN, 0, Double.NaN, Double.NaN);
    }
    RealMatrix rm = new Array2DRowRealMatrix(r, false);
    RealVector rb = rm.operate(new ArrayRealVector(b, false));
    RealMatrix rvr = rm.multiply(new Array2DRowRealMatrix(v, false)).multiply(rm.transpose());
    SingularValueDecomposition svd = new SingularValueDecomposition(rvr);
    int df = svd.getRank();
    double w = rb.dotProduct(svd.getSolver().getInverse().operate(rb));
    // The upper tail directly (1 - cdf would lose every digit below 1e-16).
    double p = df == 0 ? Double.NaN : Gamma.regularizedGammaQ(df / 2.0, w / 2);
    return new PretrendTest(names, r, w, df, p, Double.NaN);
  }
}
