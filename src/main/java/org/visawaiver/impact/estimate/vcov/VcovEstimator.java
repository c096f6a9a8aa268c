package org.visawaiver.impact.estimate.vcov;

import java.util.ArrayList;
import java.util.List;
import org.visawaiver.impact.estimate.frame.ModelFrame;
import org.visawaiver.impact.estimate.ols.LeastSquares;
import org.visawaiver.impact.estimate.ols.WeightedFit;
import org.visawaiver.impact.estimate.spec.FixedEffect;
import org.visawaiver.impact.estimate.spec.VcovSpec;

/**
 * Variance of the estimates as R fixest computes it (see docs/estimation.md), in three parts as
 * fixest and pyfixest split it: the count of K and the nesting of fixed effects in clusters
 * ({@link FixedEffectCount}, {@link Nesting}), the meat as scores summed per cluster and returned
 * as signed terms ({@link ClusterScores}, {@link ClusterTerm}: k-way clustering is the sum over
 * the non-empty subsets of the dimensions, negative eigenvalues then set to zero), and the
 * small-sample factors as a pure function ({@link SmallSampleFactors}).
 */
public final class VcovEstimator {
  private VcovEstimator() {}

  /**
   * @param vcov variance over the kept regressors (formula order)
   * @param correction the small-sample factors used
   * @param bread (X̃'WX̃)^-1 over the kept regressors
   */
  public record Variance(double[][] vcov, SmallSampleCorrection correction, double[][] bread) {}

  public static Variance compute(ModelFrame frame, WeightedFit fit, VcovSpec spec, boolean poisson) {
    return compute(frame, fit, spec, poisson, SscOptions.FIXEST_DEFAULT,
        ClusterScores.VECTOR_CLUSTER_SUMS);
  }

  /** The scores of a fit, for per-cluster sums (a bootstrap reweights them). */
  public static ClusterScores scores(ModelFrame frame, WeightedFit fit) {
    return new ClusterScores(fit, frame.layout().offsets());
  }

  /** As above, with other ssc() options and one-way clusters summed as a vector up to a limit. */
  static Variance compute(ModelFrame frame, WeightedFit fit, VcovSpec spec, boolean poisson,
      SscOptions ssc, long vectorLimit) {
    int k = LeastSquares.indices(fit.kept()).length;
    long n = frame.observations();
    List<FixedEffect> clusterDims =
        spec instanceof VcovSpec.Cluster cl ? cl.dimensions() : List.of();
    FixedEffectCount count = new FixedEffectCount(frame.layout().names(), frame.usedLevels(),
        clusterDims.isEmpty() || ssc.fixefK() != SscOptions.FixefK.NESTED ? List.of()
            : Nesting.nestedFixedEffects(frame, fit.blocks(), clusterDims));
    ClusterScores scores = scores(frame, fit);
    double[][] bread = fit.bread();
    if (spec instanceof VcovSpec.Iid) {
      // fixest: V = (X̃'WX̃)^-1 for Poisson, RSS/(n - 1) (X̃'X̃)^-1 for OLS, times the factor.
      SmallSampleCorrection c = SmallSampleFactors.of(SmallSampleFactors.Kind.IID, n, k, count,
          List.of(), ssc, poisson);
      double sigma2 = poisson ? 1.0 : scores.rss() / (n - 1.0);
      return new Variance(Matrices.scale(bread, sigma2 * c.factor()), c, bread);
    }
    if (spec instanceof VcovSpec.Hetero) {
      SmallSampleCorrection c = SmallSampleFactors.of(SmallSampleFactors.Kind.HETERO, n, k, count,
          List.of(), ssc, poisson);
      return new Variance(
          Matrices.scale(Matrices.sandwich(bread, scores.hetero()), c.factor()), c, bread);
    }
    int[] dims = clusterDims.stream()
        .mapToInt(d -> frame.clusterNames().indexOf(d.name())).toArray();
    long[] levels = new long[dims.length];
    for (int d = 0; d < dims.length; d++) {
      levels[d] = frame.clusterLevels()[dims[d]];
    }
    List<ClusterTerm> terms = scores.terms(clusterDims.stream().map(FixedEffect::name).toList(),
        dims, levels, vectorLimit);
    List<Long> groups = new ArrayList<>();
    double[][] meat = new double[k][k];
    for (ClusterTerm t : terms) {
      if (t.dimensions().size() == 1) {
        groups.add(t.groups());
      }
      Matrices.addScaled(meat, t.meat(),
          t.sign() * SmallSampleFactors.termFactor(t.groups(), ssc));
    }
    SmallSampleCorrection c = SmallSampleFactors.of(SmallSampleFactors.Kind.CLUSTER, n, k, count,
        groups, ssc, poisson);
    double[][] v = Matrices.sandwich(bread, meat);
    if (dims.length > 1) {
      v = Matrices.positiveSemidefinite(v);
    }
    return new Variance(Matrices.scale(v, c.factor()), c, bread);
  }
}
