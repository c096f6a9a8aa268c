package org.visawaiver.impact.estimate.inference;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.visawaiver.impact.domain.WaiverTerms;
import org.visawaiver.impact.estimate.demean.Demeaner;
import org.visawaiver.impact.estimate.exec.Blocks;
import org.visawaiver.impact.estimate.exec.CacheScope;
import org.visawaiver.impact.estimate.frame.Block;
import org.visawaiver.impact.estimate.frame.ModelFrame;
import org.visawaiver.impact.estimate.ols.LeastSquares;
import org.visawaiver.impact.estimate.ols.WeightedFit;
import org.visawaiver.impact.estimate.ppml.PoissonIrls;
import org.visawaiver.impact.estimate.spec.BootstrapSettings;
import org.visawaiver.impact.estimate.spec.EstimationException;
import org.visawaiver.impact.estimate.spec.EstimationSettings;
import org.visawaiver.impact.estimate.spec.VcovSpec;

/**
 * Few-cluster inference of one fit under one-way clustering, from per-cluster sums: treated and
 * effective clusters and the leave-one-cluster-out jackknife (CV3) standard error of every
 * coefficient; for the configured terms a bootstrap p-value of H0:
 * b = 0 and a 95% interval (OLS: restricted wild cluster bootstrap, p-value and interval by test
 * inversion; PPML: score bootstrap, p-value restricted (one refit without the term) or
 * unrestricted, interval by the unrestricted score bootstrap-t); and the bootstrap p-value of the
 * Wald test that the compared waiver effects are equal.
 */
public final class FewClusterInference {
  private static final Logger LOG = LoggerFactory.getLogger(FewClusterInference.class);
  static final double LEVEL = 0.95;
  /** A term resting on fewer treated or effective clusters than this gets a note. */
  public static final int FEW_CLUSTERS = 10;
  /** Largest rows x clusters held as masked columns for the exact WCR's spread term. */
  static final long SPREAD_CELLS = 1L << 26;

  private FewClusterInference() {}

  /**
   * @param frame the model frame (its blocks still cached)
   * @param fit the fit
   * @param vcov the model's variance
   * @param nestedFe fixed effects nested in the clusters (from the variance)
   * @param compare terms whose equality the Wald test checks (those in the model)
   */
  public static Inference compute(ModelFrame frame, WeightedFit fit, VcovSpec vcov,
      boolean poisson, List<String> nestedFe, EstimationSettings settings,
      BootstrapSettings boot, List<String> compare, String model) {
    int[] idx = LeastSquares.indices(fit.kept());
    List<String> terms = new ArrayList<>();
    for (int j : idx) {
      terms.add(frame.terms().get(j));
    }
    if (!(vcov instanceof VcovSpec.Cluster cl) || cl.dimensions().size() != 1) {
      return Inference.none(terms, "");
    }
    int dim = frame.clusterNames().indexOf(cl.dimensions().get(0).name());
    int levels = (int) frame.clusterLevels()[dim];
    Pieces pc = Pieces.of(frame, fit, dim, levels);
    int k = idx.length;
    double[][] xCoef = pc.xCoef();
    double[] beta = pc.beta();
    double[][] bread = fit.bread();
    double[] gamma = pc.gamma();
    ClusterMoments sums = pc.sums();
    if (sums == null) {
      return Inference.none(terms, "treated/effective clusters and bootstrap not computed: "
          + levels + " clusters are too many for per-cluster sums");
    }
    List<String> notes = new ArrayList<>();
    List<Integer> booted = new ArrayList<>();
    double[] effective = new double[k];
    for (int a = 0; a < k; a++) {
      effective[a] = EffectiveClusters.of(sums.scores(Linear.column(bread, a)));
      if (boot.covers(terms.get(a), isWaiver(terms.get(a)))) {
        booted.add(a);
      }
    }
    int gs = sums.clusters();
    double[] p = nan(k);
    double[] low = nan(k);
    double[] high = nan(k);
    double wald = Double.NaN;
    String method = "";
    int[] cmp = compare.stream().mapToInt(terms::indexOf).filter(i -> i >= 0).toArray();
    if (gs > boot.maxClusters()) {
      notes.add("wild bootstrap not run: " + gs + " clusters exceed estimate.bootstrap"
          + ".max-clusters = " + boot.maxClusters() + " (with that many clusters the "
          + "cluster-robust interval is the one to quote)");
    } else if (!booted.isEmpty() || cmp.length >= 2) {
      long t0 = System.nanoTime();
      BootstrapWeights w = BootstrapWeights.of(gs, boot);
      String draws = w.count() + " " + w.kind() + " draws" + (w.enumerated() ? " (all)" : "");
      double[][] r = contrasts(cmp, k);
      if (poisson) {
        method = "score bootstrap, " + draws;
        double[] shares = sums.shares();
        ScoreCurve[] curves = ScoreCurve.of(fit.blocks(), frame.layout().offsets(), xCoef, idx,
            gamma, fit.beta(), bread, booted.stream().mapToInt(Integer::intValue).toArray(),
            sums, dim, levels, w);
        for (int t = 0; t < curves.length; t++) {
          int a = booted.get(t);
          double[] ci = curves[t].interval(LEVEL);
          low[a] = ci[0];
          high[a] = ci[1];
          p[a] = w.reported(curves[t].pValue(0));
          if (boot.restrictedPpml()) {
            Scores rs = restrictedScores(frame, fit, a, dim, levels, settings, model, notes);
            if (rs != null) {
              p[a] = w.reported(ScoreBootstrap.restrictedPValue(rs.scores(), rs.shares(), w));
            }
          }
        }
        if (r.length > 0) {
          double[][] s = new double[r.length][];
          for (int q = 0; q < r.length; q++) {
            s[q] = sums.scores(Linear.times(bread, r[q]));
          }
          wald = ScoreBootstrap.waldPValue(Linear.times(r, beta), s, shares, w);
        }
      } else {
        boolean nested = nestedFe.containsAll(frame.layout().names());
        Map<Integer, double[][][]> spread = Map.of();
        List<Integer> needSpread = new ArrayList<>(booted);
        for (int c : cmp) {
          if (!needSpread.contains(c)) {
            needSpread.add(c);
          }
        }
        String form = "exact";
        if (!nested) {
          if (gs <= boot.spreadClusters() && frame.observations() * gs <= SPREAD_CELLS) {
            spread = pc.spread(frame, fit, settings,
                needSpread.stream().mapToInt(Integer::intValue).toArray(), dim, levels);
          } else {
            form = "fixed effects not nested in the clusters partialled out";
            notes.add("wild bootstrap: the fixed effects not nested in the " + gs
                + " clusters are partialled out before bootstrapping (exact WCR up to "
                + "estimate.bootstrap.spread-clusters = " + boot.spreadClusters() + ")");
          }
        }
        method = "WCR (" + form + "), " + draws;
        WildClusterRestricted wcr = new WildClusterRestricted(sums, bread, beta, spread, w);
        for (int a : booted) {
          WildClusterRestricted.TermTest t = wcr.term(a);
          p[a] = w.reported(t.pValue(0));
          double[] ci = t.interval(LEVEL);
          low[a] = ci[0];
          high[a] = ci[1];
        }
        if (r.length > 0) {
          wald = wcr.waldPValue(r);
        }
      }
      LOG.info("model {}: {} for {} terms in {} s", model, method, booted.size(),
          (System.nanoTime() - t0) / 1e9);
    }
    List<TermInference> out = new ArrayList<>();
    List<String> few = new ArrayList<>();
    double[] jackknife = ClusterJackknife.stdErrors(sums, !nestedFe.isEmpty());
    for (int a = 0; a < k; a++) {
      out.add(new TermInference(terms.get(a), p[a], low[a], high[a], sums.varies()[a],
          effective[a], jackknife[a]));
      if (sums.varies()[a] < FEW_CLUSTERS || effective[a] < FEW_CLUSTERS) {
        few.add(terms.get(a) + " (treated " + sums.varies()[a] + ", effective "
            + String.format("%.1f", effective[a]) + ")");
      }
    }
    if (!few.isEmpty()) {
      notes.add("fewer than " + FEW_CLUSTERS + " treated or effective clusters of " + gs + ": "
          + String.join(", ", few) + "; cluster-robust intervals of such terms are too narrow, "
          + "quote the bootstrap interval");
    }
    return new Inference(out, method, wald, notes);
  }

  /**
   * Bootstrap p-value of the joint Wald test H0: R b = 0 ({@code r}: rows over the kept
   * regressors, e.g. the event study's pre-trend restriction) under one-way clustering, with the
   * draws of {@code boot} whatever its {@code terms}: OLS the restricted wild cluster bootstrap
   * ({@link WildClusterRestricted#waldPValue}, exact spread terms under the same rule as the term
   * bootstrap), PPML the restricted score bootstrap ({@link #restrictedJointBootPValue}: one PPML
   * refit under the restriction; the unrestricted score bootstrap of the Wald statistic
   * over-rejects with few treated clusters, docs/estimation.md). NaN when the variance is not
   * one-way clustered, there is no restriction or the clusters exceed max-clusters.
   */
  public static double jointWaldBootPValue(ModelFrame frame, WeightedFit fit, VcovSpec vcov,
      boolean poisson, List<String> nestedFe, EstimationSettings settings, BootstrapSettings boot,
      double[][] r) {
    if (r.length == 0 || !(vcov instanceof VcovSpec.Cluster cl) || cl.dimensions().size() != 1) {
      return Double.NaN;
    }
    if (poisson) {
      List<String> notes = new ArrayList<>();
      double p = restrictedJointBootPValue(frame, fit, vcov, settings, boot, r,
          "joint restriction", notes);
      notes.forEach(n -> LOG.warn("{}", n));
      return p;
    }
    int dim = frame.clusterNames().indexOf(cl.dimensions().get(0).name());
    int levels = (int) frame.clusterLevels()[dim];
    Pieces pc = Pieces.of(frame, fit, dim, levels);
    ClusterMoments sums = pc.sums();
    if (sums == null || sums.clusters() > boot.maxClusters()) {
      return Double.NaN;
    }
    int gs = sums.clusters();
    BootstrapWeights w = BootstrapWeights.of(gs, boot);
    Map<Integer, double[][][]> spread = Map.of();
    if (!nestedFe.containsAll(frame.layout().names()) && gs <= boot.spreadClusters()
        && frame.observations() * gs <= SPREAD_CELLS) {
      List<Integer> used = new ArrayList<>();
      for (int j = 0; j < pc.beta().length; j++) {
        for (double[] row : r) {
          if (row[j] != 0) {
            used.add(j);
            break;
          }
        }
      }
      spread = pc.spread(frame, fit, settings, used.stream().mapToInt(Integer::intValue).toArray(),
          dim, levels);
    }
    return new WildClusterRestricted(sums, fit.bread(), pc.beta(), spread, w).waldPValue(r);
  }

  /**
   * The per-cluster sums of a fit under cluster dimension dim, with what they were computed from.
   *
   * @param sums null when the clusters are too many for a vector
   */
  record Pieces(int[] idx, double[][] xCoef, double[] beta, double[] gamma, ClusterMoments sums) {
    static Pieces of(ModelFrame frame, WeightedFit fit, int dim, int levels) {
      int[] idx = LeastSquares.indices(fit.kept());
      int k = idx.length;
      double[][] xCoef = new double[k][];
      double[] beta = new double[k];
      for (int a = 0; a < k; a++) {
        xCoef[a] = fit.alpha()[idx[a] + 1];
        beta[a] = fit.beta()[idx[a]];
      }
      double[] gamma = WeightedFit.combined(fit.alpha(), fit.beta());
      ClusterMoments sums = ClusterMomentsPass.of(fit.blocks(), frame.layout().offsets(), xCoef, idx,
          fit.beta(), gamma, dim, levels);
      return new Pieces(idx, xCoef, beta, gamma, sums);
    }

    /** The exact WCR's spread sums of the given kept terms. */
    Map<Integer, double[][][]> spread(ModelFrame frame, WeightedFit fit,
        EstimationSettings settings, int[] terms, int dim, int levels) {
      return SpreadSums.of(fit.blocks(), frame.layout(), settings.demeanTol(),
          settings.demeanMaxIterations(), xCoef, idx, fit.beta(), gamma, fit.bread(), terms, sums,
          dim, levels);
    }
  }

  /** Clusters' scores of one direction and the clusters' observation shares. */
  record Scores(double[] scores, double[] shares) {}

  static boolean isWaiver(String term) {
    return term.startsWith(WaiverTerms.PREFIX);
  }

  private static double[] nan(int k) {
    double[] a = new double[k];
    java.util.Arrays.fill(a, Double.NaN);
    return a;
  }

  /** Rows e_first - e_c over the kept regressors (the compared terms' equality). */
  private static double[][] contrasts(int[] cmp, int k) {
    if (cmp.length < 2) {
      return new double[0][];
    }
    double[][] r = new double[cmp.length - 1][k];
    for (int q = 1; q < cmp.length; q++) {
      r[q - 1][cmp[0]] = 1;
      r[q - 1][cmp[q]] = -1;
    }
    return r;
  }

  /**
   * Kline-Santos restricted score bootstrap of H0: b_a = 0 (a: kept position): PPML refitted
   * without regressor a, all kept regressors demeaned with the restricted weights μ̃ (boottest's
   * "iterate(0)" step), cluster scores Σ (y - μ̃) x̃' A e_a with A the full information inverse at
   * the restricted estimate. Null (with a note) when the restricted fit fails.
   */
  static Scores restrictedScores(ModelFrame frame, WeightedFit fit, int a, int dim, int levels,
      EstimationSettings settings, String model, List<String> notes) {
    int[] idx = LeastSquares.indices(fit.kept());
    int k = idx.length;
    String name = frame.terms().get(idx[a]);
    if (k < 2) {
      notes.add("boot_p_value of " + name + " from the unrestricted score bootstrap: the "
          + "restricted fit would have no regressor left");
      return null;
    }
    double[][] basis = new double[k - 1][k];
    List<String> restTerms = new ArrayList<>();
    for (int m = 0, u = 0; m < k; m++) {
      if (m != a) {
        basis[u++][m] = 1;
        restTerms.add(frame.terms().get(idx[m]));
      }
    }
    ClusterMoments s = restrictedMoments(frame, fit, basis, restTerms, dim, levels, settings,
        model + " without " + name, "restricted score bootstrap of " + name, notes);
    if (s == null) {
      return null;
    }
    return new Scores(s.scores(Linear.column(Linear.inverse(information(s)), a)), s.shares());
  }

  /**
   * Bootstrap p-value of the joint hypothesis R b = 0 for PPML by the restricted score bootstrap
   * (Kline and Santos 2012; boottest's multi-constraint score test): PPML refitted under the
   * restriction (b = N γ with N an orthonormal basis of R's null space: one fit with the k - q
   * columns X N), all kept regressors demeaned with the restricted weights μ̃, cluster scores
   * s_g = R A Σ_{i in g} (y - μ̃) x̃ with A the information inverse at μ̃; the statistic of a
   * draw is N_v'(Σ J J')^-1 N_v ({@link ScoreBootstrap#restrictedWaldPValue}), the observed one
   * that of the all +1 draw (the cluster-robust score statistic). NaN (with a note) when the
   * restricted fit fails or the variance is not one-way clustered.
   */
  public static double restrictedJointBootPValue(ModelFrame frame, WeightedFit fit, VcovSpec vcov,
      EstimationSettings settings, BootstrapSettings boot, double[][] r, String model,
      List<String> notes) {
    if (r.length == 0 || !(vcov instanceof VcovSpec.Cluster cl) || cl.dimensions().size() != 1) {
      return Double.NaN;
    }
    int dim = frame.clusterNames().indexOf(cl.dimensions().get(0).name());
    int levels = (int) frame.clusterLevels()[dim];
    int k = r[0].length;
    org.apache.commons.math3.linear.RealMatrix rm =
        new org.apache.commons.math3.linear.Array2DRowRealMatrix(r, false);
    // R'R is k x k (the compact SVD of R itself has no null-space vectors): its singular vectors
    // beyond R's rank span R's null space
    org.apache.commons.math3.linear.SingularValueDecomposition svd =
        new org.apache.commons.math3.linear.SingularValueDecomposition(
            rm.transpose().multiply(rm));
    int rank = svd.getRank();
    double[][] v = svd.getV().getData();
    double[][] basis = new double[k - rank][k];
    List<String> names = new ArrayList<>();
    for (int u = 0; u < k - rank; u++) {
      for (int m = 0; m < k; m++) {
        basis[u][m] = v[m][rank + u];
      }
      names.add("restricted_" + u);
    }
    ClusterMoments s = restrictedMoments(frame, fit, basis, names, dim, levels, settings,
        model + " under the joint restriction", "restricted joint score bootstrap", notes);
    if (s == null || s.clusters() > boot.maxClusters()) {
      return Double.NaN;
    }
    double[][] a = Linear.inverse(information(s));
    double[][] scores = new double[r.length][];
    for (int q = 0; q < r.length; q++) {
      scores[q] = s.scores(Linear.times(a, r[q]));
    }
    return ScoreBootstrap.restrictedWaldPValue(scores, s.shares(),
        BootstrapWeights.of(s.clusters(), boot));
  }

  private static double[][] information(ClusterMoments s) {
    int k = s.k();
    double[][] info = new double[k][k];
    for (double[] xx : s.xx()) {
      for (int m = 0; m < k * k; m++) {
        info[m / k][m % k] += xx[m];
      }
    }
    return info;
  }

  /**
   * The per-cluster sums of every kept regressor at the PPML fit restricted to b = basis' γ
   * (rows of {@code basis}: the restricted fit's regressors as combinations of the kept ones; a
   * unit row is the regressor itself), the regressors demeaned with the restricted weights. Null
   * (with a note starting {@code what}) when the restricted fit fails.
   */
  private static ClusterMoments restrictedMoments(ModelFrame frame, WeightedFit fit,
      double[][] basis, List<String> restTerms, int dim, int levels, EstimationSettings settings,
      String label, String what, List<String> notes) {
    int[] idx = LeastSquares.indices(fit.kept());
    int k = idx.length;
    try (CacheScope cache = new CacheScope()) {
      Blocks<Block> restricted = cache.own(frame.blocks().map(b -> {
        double[][] x = new double[basis.length][];
        for (int u = 0; u < basis.length; u++) {
          x[u] = combination(b, basis[u], idx);
        }
        return b.withRegressors(x);
      }));
      ModelFrame rframe = new ModelFrame(restricted, restTerms, frame.layout(),
          frame.clusterNames(), frame.clusterLevels(), frame.observations(), frame.usedLevels(),
          frame.dropped(), List.of());
      WeightedFit rfit;
      try {
        rfit = PoissonIrls.fit(rframe, settings, label);
      } catch (EstimationException e) {
        notes.add(what + " not computed: " + e.getMessage());
        return null;
      }
      cache.own(rfit.blocks());
      Blocks<Block> at = cache.own(frame.blocks().zip(rfit.blocks(),
          (a0, r) -> a0.withIrls(r.mu, r.response, r.eta)));
      int[] cols = new int[k];
      double[][] warm = new double[k][];
      for (int m = 0; m < k; m++) {
        cols[m] = idx[m] + 1;
        warm[m] = fit.alpha()[idx[m] + 1];
      }
      Demeaner.Solution sol = new Demeaner(at, frame.layout(), settings.demeanTol(),
          settings.demeanMaxIterations()).solve(cols, warm);
      return ClusterMomentsPass.of(at, frame.layout().offsets(), sol.coef(), idx,
          fit.beta(), null, dim, levels);
    }
  }

  /** Σ_m w_m x_{idx[m]} of a block; the column itself (not a copy) for a unit w. */
  private static double[] combination(Block b, double[] w, int[] idx) {
    int nonzero = -1;
    int count = 0;
    for (int m = 0; m < w.length; m++) {
      if (w[m] != 0) {
        nonzero = m;
        count++;
      }
    }
    if (count == 1 && w[nonzero] == 1) {
      return b.x[idx[nonzero]];
    }
    double[] z = new double[b.n];
    for (int m = 0; m < w.length; m++) {
      if (w[m] != 0) {
        double[] x = b.x[idx[m]];
        for (int i = 0; i < z.length; i++) {
          z[i] += w[m] * x[i];
        }
      }
    }
    return z;
  }
}
