package org.visawaiver.impact.estimate.ppml;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.visawaiver.impact.estimate.spec.EstimationException;
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
 * Poisson pseudo-maximum likelihood with absorbed fixed effects by iteratively reweighted least
 * squares. Per iteration: demean the working outcome z = η + (y - μ)/μ and the regressors with
 * weights μ (warm-started from the previous iteration's fixed effects), solve the small weighted
 * system on the driver, and update η = z - residual in one map that caches the new blocks. Stops
 * when |dev - dev_prev| / (0.1 + |dev|) < estimate.irls-tol (fixest's rule, tighter tolerance).
 * The deviance is never allowed to rise: a step that raises it is halved.
 */
public final class PoissonIrls {
  private static final Logger LOG = LoggerFactory.getLogger(PoissonIrls.class);
  private static final int MAX_HALVINGS = 30;
  private static final double EARLY_TOL = 1e-4;

  private PoissonIrls() {}

  /** The fit; its blocks (the last IRLS step's, cached) are the caller's to release. */
  public static WeightedFit fit(ModelFrame frame, EstimationSettings settings, String model) {
    try (CacheScope cache = new CacheScope()) {
      WeightedFit fit = fit(frame, settings, model, cache);
      cache.handOver(fit.blocks());
      return fit;
    }
  }

  private static WeightedFit fit(ModelFrame frame, EstimationSettings settings, String model,
      CacheScope cache) {
    Blocks<Block> source = frame.blocks();
    double[] sy = source.sum(2, (b, a) -> {
      for (double v : b.y) {
        a[0] += v;
      }
      a[1] += b.n;
    });
    if (sy[1] == 0 || sy[0] == 0) {
      throw new EstimationException("model \"" + model + "\": the outcome is 0 in all "
          + (long) sy[1] + " observations left to estimate (after dropping missing values, "
          + "singletons and separated observations); a Poisson model has no solution; check the "
          + "outcome column; nothing was estimated");
    }
    Blocks<Block> cur = cache.own(source.map(PoissonIrls::start));
    double dev = deviance(cur);
    int m = frame.terms().size() + 1;
    int[] cols = WithinOls.allColumns(m);
    Demeaner demeaner = null;
    double[][] alpha = null;
    boolean[] kept = null;
    boolean selectedTight = false;
    List<String> selectionNotes = new ArrayList<>();
    double[] beta = null;
    List<String> notes = new ArrayList<>();
    int demeanPasses = 0;
    boolean demeanOk = true;
    boolean converged = false;
    int it = 0;
    double change = Double.NaN;
    int[] offsets = frame.layout().offsets();
    while (it < settings.irlsMaxIterations()) {
      it++;
      // Inexact Newton, as ppmlhdfe: early iterations demean to a looser tolerance that tightens
      // with the deviance change, down to estimate.demean-tol; the last steps and the variance
      // always use the full tolerance.
      double tolIt = it == 1 ? EARLY_TOL
          : Math.max(settings.demeanTol(), Math.min(EARLY_TOL, 1e-3 * change));
      demeaner = new Demeaner(cur, frame.layout(), tolIt, settings.demeanMaxIterations());
      Demeaner.Solution sol = demeaner.solve(cols, alpha);
      demeanPasses += sol.iterations();
      demeanOk &= sol.converged();
      if (!sol.converged()) {
        notes.add("IRLS iteration " + it + ": " + WithinOls.demeanNote(sol, settings));
      }
      alpha = sol.coef();
      CrossProducts cp = CrossProducts.of(cur, frame.layout(), sol);
      // Collinearity is judged on the first iteration's columns, demeaned loosely; a regressor
      // collinear with others only given the fixed effects can pass there and break the solve
      // later, so the choice is made again on the first fully demeaned columns (and whenever the
      // solve finds the system singular). Exact collinearity does not depend on the weights.
      boolean tight = tolIt <= settings.demeanTol();
      if (kept == null || (tight && !selectedTight)) {
        kept = reselect(cp, frame, settings, model, notes, selectionNotes);
        selectedTight = tight;
      }
      try {
        beta = LeastSquares.solve(cp, kept).beta();
      } catch (NonPositiveDefiniteMatrixException e) {
        boolean[] before = kept;
        kept = reselect(cp, frame, settings, model, notes, selectionNotes);
        if (java.util.Arrays.equals(before, kept)) {
          throw e;
        }
        beta = LeastSquares.solve(cp, kept).beta();
      }
      double[] gamma = WeightedFit.combined(alpha, beta);
      Shared<double[]> bg = cache.own(cur.share(gamma));
      double[] fb = beta;
      Blocks<Block> next =
          cache.own(cur.map(b -> update(b, WeightedFit.residual(b, offsets, fb, bg.value()))));
      double newDev = deviance(next);
      int halvings = 0;
      // The starting values are not a point of the model (their deviance can be lower than the
      // optimum's), so the first step is taken whole unless it is not finite.
      while ((it > 1 ? !(newDev <= dev * (1 + 1e-12)) : !Double.isFinite(newDev))
          && halvings < MAX_HALVINGS) {
        halvings++;
        double lambda = Math.pow(0.5, halvings);
        Blocks<Block> half = cache.own(cur.zip(next, (a, b) -> blend(a, b, lambda)));
        newDev = deviance(half);
        if ((it > 1 ? newDev <= dev * (1 + 1e-12) : Double.isFinite(newDev))
            || halvings == MAX_HALVINGS) {
          cache.release(next);
          next = half;
          break;
        }
        cache.release(half);
      }
      cache.release(bg);
      change = Math.abs(newDev - dev) / (0.1 + Math.abs(newDev));
      LOG.info("model {}: IRLS iteration {}: deviance {} (relative change {}), {} demeaning passes",
          model, it, newDev, change, sol.iterations());
      cache.release(cur);
      cur = next;
      dev = newDev;
      if (!Double.isFinite(dev)) {
        break;
      }
      if (change < settings.irlsTol() && tolIt <= settings.demeanTol()) {
        converged = true;
        break;
      }
    }
    if (!converged) {
      notes.add("IRLS did not converge: relative deviance change " + String.format("%.3g", change)
          + " after " + it + " iterations is above estimate.irls-tol = " + settings.irlsTol()
          + " (estimate.irls-max-iterations = " + settings.irlsMaxIterations()
          + "); estimates are not reliable: raise the limit or look for separated observations");
    }
    // Final demeaning with the converged weights, for the variance.
    Demeaner fin = new Demeaner(cur, frame.layout(), settings.demeanTol(),
        settings.demeanMaxIterations());
    Demeaner.Solution sol = fin.solve(cols, alpha);
    demeanPasses += sol.iterations();
    demeanOk &= sol.converged();
    CrossProducts cp = CrossProducts.of(cur, frame.layout(), sol);
    double[][] bread = LeastSquares.solve(cp, kept).bread();
    return new WeightedFit(cur, sol.coef(), beta, kept, bread, it, demeanPasses,
        converged && demeanOk, dev, notes);
  }

  /** The regressors kept (collinearity), its notes replacing those of an earlier choice. */
  private static boolean[] reselect(CrossProducts cp, ModelFrame frame, EstimationSettings settings, String model,
      List<String> notes, List<String> selectionNotes) {
    LeastSquares.Selection sel = WithinOls.select(cp, frame, settings, model);
    notes.removeAll(selectionNotes);
    selectionNotes.clear();
    selectionNotes.addAll(sel.notes());
    notes.addAll(sel.notes());
    return sel.kept();
  }

  /**
   * Starting values μ = y + 0.1 (R glm's Poisson initialisation). Counts that span orders of
   * magnitude (arrivals from 10 to 10^6 a month) start close to the solution on the log scale: the
   * sample's default model converges in 5 IRLS iterations instead of the 14 that μ = (y + mean(y))/2
   * needed, with the same estimates (the optimum does not depend on the start).
   */
  private static Block start(Block b) {
    double[] eta = new double[b.n];
    for (int i = 0; i < b.n; i++) {
      eta[i] = Math.log(b.y[i] + 0.1);
    }
    return working(b, eta);
  }

  /** New linear predictor η = z - residual of the weighted regression. */
  private static Block update(Block b, double[] residual) {
    double[] eta = new double[b.n];
    for (int i = 0; i < b.n; i++) {
      eta[i] = b.response[i] - residual[i];
    }
    return working(b, eta);
  }

  private static Block blend(Block old, Block proposed, double lambda) {
    double[] eta = new double[old.n];
    for (int i = 0; i < old.n; i++) {
      eta[i] = old.eta[i] + lambda * (proposed.eta[i] - old.eta[i]);
    }
    return working(old, eta);
  }

  /** Weights μ = exp(η) and working outcome z = η + (y - μ)/μ. */
  static Block working(Block b, double[] eta) {
    double[] mu = new double[b.n];
    double[] z = new double[b.n];
    for (int i = 0; i < b.n; i++) {
      mu[i] = Math.exp(eta[i]);
      z[i] = eta[i] + (b.y[i] - mu[i]) / mu[i];
    }
    return b.withIrls(mu, z, eta);
  }

  /** Poisson deviance 2 Σ [y log(y/μ) - (y - μ)]. */
  static double deviance(Blocks<Block> blocks) {
    return blocks.sum(1, (b, acc) -> {
      double s = 0;
      for (int i = 0; i < b.n; i++) {
        double y = b.y[i];
        double mu = b.mu[i];
        s += (y > 0 ? y * Math.log(y / mu) : 0) - (y - mu);
      }
      acc[0] += 2 * s;
    })[0];
  }
}
