package org.visawaiver.impact.estimate.ppml;

import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.visawaiver.impact.estimate.demean.Demeaner;
import org.visawaiver.impact.estimate.exec.Blocks;
import org.visawaiver.impact.estimate.exec.CacheScope;
import org.visawaiver.impact.estimate.exec.Shared;
import org.visawaiver.impact.estimate.frame.Block;
import org.visawaiver.impact.estimate.frame.ModelFrame;
import org.visawaiver.impact.estimate.ols.CrossProducts;
import org.visawaiver.impact.estimate.ols.LeastSquares;
import org.visawaiver.impact.estimate.ols.WeightedFit;
import org.visawaiver.impact.estimate.ols.WithinOls;
import org.visawaiver.impact.estimate.spec.EstimationSettings;

/**
 * Regressor-driven separation before PPML, by the iterated ReLU regression of Correia, Guimarães
 * and Zylkin (2019), as ppmlhdfe's "relu" method: start with u = 1 on zero outcomes and 0
 * elsewhere; regress u on the regressors and fixed effects by weighted least squares with a very
 * large weight on positive outcomes (which pins their fitted value to 0); set fitted values below
 * {@link #TOL} in magnitude to 0; stop when no fitted value is negative, and then the zero-outcome
 * observations with a positive fitted value are separated (a certificate z = Xγ ≥ 0 with z = 0
 * wherever y > 0 exists); otherwise set u = max(fit, 0) and repeat. Each round reuses the
 * demeaning machinery (one sum over the blocks per pass) and one map to update u.
 */
public final class ReluSeparation {
  public static final String SEPARATION_RELU = "separation_relu";
  /** Fitted values smaller than this are zero (ppmlhdfe's default tolerance). */
  static final double TOL = 1e-5;
  /** Weight of positive outcomes relative to zeros. */
  static final double HEAVY = 1e10;
  /** Share of the largest certificate value below which a value counts as zero. */
  static final double RELATIVE = 1e-3;
  static final int MAX_ROUNDS = 200;
  private static final double DEMEAN_TOL = 1e-13;
  /** Least share of variance left for a regressor to count as clearly not collinear. */
  static final double CLEARLY_FREE = 1e-6;
  private static final Logger LOG = LoggerFactory.getLogger(ReluSeparation.class);

  private ReluSeparation() {}

  /**
   * The frame without the separated observations. The input frame's blocks stay the caller's
   * (they are the result's when nothing is dropped); this releases only what it cached itself.
   */
  public static ModelFrame apply(ModelFrame frame, EstimationSettings settings) {
    Blocks<Block> source = frame.blocks();
    double zeros = source.sum(1, (b, acc) -> {
      for (double v : b.y) {
        if (v == 0) {
          acc[0]++;
        }
      }
    })[0];
    if (zeros == 0) {
      return frame.with(source, frame.observations(), frame.usedLevels(),
          Map.of(SEPARATION_RELU, 0L), List.of());
    }
    try (CacheScope cache = new CacheScope()) {
      return separate(frame, settings, cache);
    }
  }

  private static ModelFrame separate(ModelFrame frame, EstimationSettings settings,
      CacheScope cache) {
    Blocks<Block> source = frame.blocks();
    Blocks<Block> cur = cache.own(source.map(ReluSeparation::start));
    int m = frame.terms().size() + 1;
    int[] cols = WithinOls.allColumns(m);
    int[] offsets = frame.layout().offsets();
    double[][] alpha = null;
    boolean[] kept = null;
    for (int round = 1; round <= MAX_ROUNDS; round++) {
      Demeaner.Solution sol = new Demeaner(cur, frame.layout(), DEMEAN_TOL,
          settings.demeanMaxIterations()).solve(cols, alpha);
      alpha = sol.coef();
      CrossProducts cp = CrossProducts.of(cur, frame.layout(), sol);
      if (kept == null) {
        kept = select(cp, frame, settings);
      }
      double[] beta = LeastSquares.indices(kept).length > 0 ? LeastSquares.solve(cp, kept).beta() : nan(kept.length);
      Shared<double[]> gamma = cache.own(cur.share(WeightedFit.combined(alpha, beta)));
      double[] fb = beta;
      // Fitted values z - residual, rounded to 0 within TOL: count the negative ones and find the
      // largest. Done when none is negative (ppmlhdfe's rule): z = Xγ + Dα >= 0 and = 0 where
      // y > 0 certifies separation where z > 0. Values that are only a trace of the start
      // (below RELATIVE of the largest) are rounding of a zero, not separation.
      double[] check = cur.aggregate(() -> new double[2], (acc, b) -> {
        double[] fit = fitted(b, offsets, fb, gamma.value());
        double negatives = 0;
        double gap = 0;
        for (int i = 0; i < b.n; i++) {
          if (fit[i] < 0) {
            negatives++;
          }
          gap = Math.max(gap, fit[i]);
        }
        acc[0] += negatives;
        acc[1] = Math.max(acc[1], gap);
        return acc;
      }, (a, b) -> new double[] {a[0] + b[0], Math.max(a[1], b[1])});
      LOG.info("separation check (ReLU): round {}: {} demeaning passes, {} negative fitted values",
          round, sol.iterations(), (long) check[0]);
      if (check[0] == 0) {
        double cut = Math.max(TOL, RELATIVE * check[1]);
        Blocks<Block> kept2 = cache.own(cur.map(b -> {
          double[] fit = fitted(b, offsets, fb, gamma.value());
          boolean[] keep = new boolean[b.n];
          for (int i = 0; i < b.n; i++) {
            keep[i] = !(b.y[i] == 0 && fit[i] > cut);
          }
          return b.keep(keep).withRegression(null, null);
        }));
        long n = (long) kept2.sum(1, (b, acc) -> acc[0] += b.n)[0];
        return frame.with(cache.handOver(kept2), n, frame.usedLevels(),
            Map.of(SEPARATION_RELU, frame.observations() - n), List.of());
      }
      Blocks<Block> next = cache.own(cur.map(b -> {
        double[] fit = fitted(b, offsets, fb, gamma.value());
        double[] u = new double[b.n];
        for (int i = 0; i < b.n; i++) {
          u[i] = Math.max(fit[i], 0);
        }
        return b.withRegression(b.w, u);
      }));
      next.materialize();
      cache.release(gamma);
      cache.release(cur);
      cur = next;
    }
    return frame.with(source, frame.observations(), frame.usedLevels(),
        Map.of(SEPARATION_RELU, 0L),
        List.of("separation check (ReLU) did not settle in " + MAX_ROUNDS
            + " rounds; no observation was dropped by it; if PPML does not converge, look for "
            + "separated observations"));
  }

  /**
   * The regressors of the ReLU regressions. Exact collinearity does not depend on the weights, but
   * with weights 10^10 apart the heavy-weighted cross-products cannot tell a collinear regressor
   * from one that varies only among the zeros. So when every regressor is clearly free of the
   * others under the heavy weights (the share of its variance left after the fixed effects and the
   * regressors before it is above {@link #CLEARLY_FREE}, far above rounding), all are kept and no
   * extra pass is needed; otherwise collinearity is judged with unit weights (one more demeaning).
   */
  private static boolean[] select(CrossProducts heavy, ModelFrame frame,
      EstimationSettings settings) {
    LeastSquares.Selection clear = LeastSquares.select(heavy, frame.terms(), "", CLEARLY_FREE);
    if (clear.count() == frame.terms().size()) {
      return clear.kept();
    }
    LOG.info("separation check (ReLU): a regressor may be collinear under the heavy weights; "
        + "judging collinearity with unit weights");
    return selectUnweighted(frame, settings);
  }

  /** Collinearity judged with unit weights, as the model's own selection. */
  private static boolean[] selectUnweighted(ModelFrame frame, EstimationSettings settings) {
    int m = frame.terms().size() + 1;
    Demeaner.Solution sol = new Demeaner(frame.blocks(), frame.layout(), settings.demeanTol(),
        settings.demeanMaxIterations()).solve(WithinOls.allColumns(m), null);
    CrossProducts cp = CrossProducts.of(frame.blocks(), frame.layout(), sol);
    return LeastSquares.select(cp, frame.terms(), "", settings.collinearityTol()).kept();
  }

  private static Block start(Block b) {
    double[] w = new double[b.n];
    double[] u = new double[b.n];
    for (int i = 0; i < b.n; i++) {
      w[i] = b.y[i] > 0 ? HEAVY : 1.0;
      u[i] = b.y[i] > 0 ? 0.0 : 1.0;
    }
    return b.withRegression(w, u);
  }

  /** Linear prediction of u (regressors and fixed effects), zero within TOL. */
  private static double[] fitted(Block b, int[] offsets, double[] beta, double[] gamma) {
    double[] r = WeightedFit.residual(b, offsets, beta, gamma);
    double[] fit = new double[b.n];
    for (int i = 0; i < b.n; i++) {
      double v = b.response[i] - r[i];
      fit[i] = Math.abs(v) < TOL ? 0 : v;
    }
    return fit;
  }

  private static double[] nan(int k) {
    double[] d = new double[k];
    java.util.Arrays.fill(d, Double.NaN);
    return d;
  }
}
