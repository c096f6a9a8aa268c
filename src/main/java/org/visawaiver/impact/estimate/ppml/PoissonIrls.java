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
 * The deviance is never allowed to rise: a step that raises it is halved. The deviance of the new
 * blocks is summed in the first pass of the next demeaning ({@link Demeaner.FirstPass}), not in a
 * job of its own; when it shows convergence, that demeaning (at the full tolerance) is the final
 * one, for the variance.
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
    int m = frame.terms().size() + 1;
    int[] cols = WithinOls.allColumns(m);
    double[][] alpha = null;
    boolean[] kept = null;
    boolean selectedTight = false;
    List<String> selectionNotes = new ArrayList<>();
    double[] beta = null;
    List<String> notes = new ArrayList<>();
    int demeanPasses = 0;
    boolean demeanOk = true;
    int it = 0;
    int[] offsets = frame.layout().offsets();
    // The blocks cur was stepped from (kept for step-halving until cur's deviance is known) and
    // the coefficients that made the step.
    Blocks<Block> prev = null;
    Shared<double[]> bg = null;
    Step step = new Step(settings, 0, Double.NaN, EARLY_TOL);
    Demeaner.Solution sol;
    int lastPasses = 0;
    while (true) {
      // Every solve's first pass also sums the deviance of the blocks it demeans (no job of its
      // own): from it the step that made them is accepted or halved, IRLS is found converged
      // (then this solve, at the full tolerance, is the final one for the variance), and the
      // tolerance of this solve is set.
      sol = new Demeaner(cur, frame.layout(), settings.demeanTol(),
          settings.demeanMaxIterations()).solve(cols, alpha, step);
      if (sol == null) {
        cur = halve(prev, cur, step, cache);
        sol = new Demeaner(cur, frame.layout(), step.tolerance(),
            settings.demeanMaxIterations()).solve(cols, alpha);
      }
      if (prev != null) {
        // unpersist, not destroy: the cached blocks' lineage still refers to it.
        cache.release(bg);
        cache.release(prev);
        prev = null;
        LOG.info("model {}: IRLS iteration {}: deviance {} (relative change {}), {} demeaning "
            + "passes", model, it, step.deviance(), step.change(), lastPasses);
      }
      demeanPasses += sol.iterations();
      demeanOk &= sol.converged();
      if (step.last()) {
        break;
      }
      it++;
      lastPasses = sol.iterations();
      double tolIt = step.tolerance();
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
      bg = cache.own(cur.share(gamma));
      Shared<double[]> fg = bg;
      double[] fb = beta;
      prev = cur;
      cur = cache.own(cur.map(b -> update(b, WeightedFit.residual(b, offsets, fb, fg.value()))));
      step = new Step(settings, it, step.deviance(), tolIt);
    }
    boolean converged = step.converged();
    if (!converged) {
      notes.add("IRLS did not converge: relative deviance change "
          + String.format("%.3g", step.change()) + " after " + it
          + " iterations is above estimate.irls-tol = " + settings.irlsTol()
          + " (estimate.irls-max-iterations = " + settings.irlsMaxIterations()
          + "); estimates are not reliable: raise the limit or look for separated observations");
    }
    // The last solve ran with the converged weights at the full tolerance: for the variance.
    CrossProducts cp = CrossProducts.of(cur, frame.layout(), sol);
    double[][] bread = LeastSquares.solve(cp, kept).bread();
    return new WeightedFit(cur, sol.coef(), beta, kept, bread, it, demeanPasses,
        converged && demeanOk, step.deviance(), notes);
  }

  /**
   * Step-halving when the step of IRLS iteration {@code step.iteration()} raised the deviance:
   * the blocks half way back to {@code prev}, and again, until the deviance does not rise (each
   * try one pass of its own, as before). Decides {@code step} on the blocks it keeps.
   */
  private static Blocks<Block> halve(Blocks<Block> prev, Blocks<Block> proposed, Step step,
      CacheScope cache) {
    Blocks<Block> next = proposed;
    for (int halvings = 1; halvings <= MAX_HALVINGS; halvings++) {
      double lambda = Math.pow(0.5, halvings);
      Blocks<Block> half = cache.own(prev.zip(proposed, (a, b) -> blend(a, b, lambda)));
      double dev = deviance(half);
      if (step.accepts(dev) || halvings == MAX_HALVINGS) {
        cache.release(next);
        step.decide(dev);
        return half;
      }
      cache.release(half);
    }
    throw new IllegalStateException("unreachable");
  }

  /**
   * What the deviance of the blocks about to be demeaned decides: whether the IRLS step that made
   * them stands (else NaN: halve it), whether IRLS has converged or must stop (then this solve is
   * the last, at the full tolerance), and otherwise the tolerance of this solve. Inexact Newton, as
   * ppmlhdfe: early iterations demean to a looser tolerance that tightens with the deviance change,
   * down to estimate.demean-tol. Iteration 0 is the start: its deviance is only recorded.
   */
  private static final class Step implements Demeaner.FirstPass {
    private final EstimationSettings settings;
    private final int iteration;
    private final double before;
    /** The tolerance of the solve whose step this is. */
    private final double stepTol;
    private double deviance = Double.NaN;
    private double change = Double.NaN;
    private double tolerance;
    private boolean last;
    private boolean converged;

    Step(EstimationSettings settings, int iteration, double before, double stepTol) {
      this.settings = settings;
      this.iteration = iteration;
      this.before = before;
      this.stepTol = stepTol;
    }

    @Override
    public int length() {
      return 1;
    }

    @Override
    public Blocks.Contribution<Block> contribution() {
      return DEVIANCE;
    }

    @Override
    public double tolerance(double[] sums) {
      if (iteration > 0 && !accepts(sums[0])) {
        return Double.NaN;
      }
      decide(sums[0]);
      return tolerance;
    }

    /**
     * The step stands: the deviance does not rise (the starting values are not a point of the
     * model, their deviance can be lower than the optimum's, so the first step only needs to be
     * finite).
     */
    boolean accepts(double dev) {
      return iteration > 1 ? dev <= before * (1 + 1e-12) : Double.isFinite(dev);
    }

    void decide(double dev) {
      deviance = dev;
      if (iteration > 0) {
        change = Math.abs(dev - before) / (0.1 + Math.abs(dev));
      }
      boolean finite = Double.isFinite(dev);
      converged = iteration > 0 && finite && change < settings.irlsTol()
          && stepTol <= settings.demeanTol();
      last = !finite || converged || iteration >= settings.irlsMaxIterations();
      if (last) {
        tolerance = settings.demeanTol();
      } else if (iteration == 0) {
        tolerance = EARLY_TOL;
      } else {
        tolerance = Math.max(settings.demeanTol(), Math.min(EARLY_TOL, 1e-3 * change));
      }
    }

    double deviance() {
      return deviance;
    }

    double change() {
      return change;
    }

    double tolerance() {
      return tolerance;
    }

    boolean last() {
      return last;
    }

    boolean converged() {
      return converged;
    }
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

  /** Poisson deviance 2 Σ [y log(y/μ) - (y - μ)], one block's share. */
  private static final Blocks.Contribution<Block> DEVIANCE = (b, acc) -> {
    double s = 0;
    for (int i = 0; i < b.n; i++) {
      double y = b.y[i];
      double mu = b.mu[i];
      s += (y > 0 ? y * Math.log(y / mu) : 0) - (y - mu);
    }
    acc[0] += 2 * s;
  };

  /** Poisson deviance 2 Σ [y log(y/μ) - (y - μ)]. */
  static double deviance(Blocks<Block> blocks) {
    return blocks.sum(1, DEVIANCE)[0];
  }
}
