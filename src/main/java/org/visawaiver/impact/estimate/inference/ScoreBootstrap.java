package org.visawaiver.impact.estimate.inference;

import java.util.Arrays;

/**
 * Score bootstrap (Kline and Santos 2012) as boottest codes it after ML (no small-sample factor):
 * the clusters' scores of one direction S_g (Σ_{i in g} (y_i - μ_i) a_i with a = X̃ bread e_j at
 * the restricted or unrestricted estimate) and their observation shares c_g give, per draw v,
 * numerator N = Σ_g v_g S_g, recentred J_g = v_g S_g - c_g N and t* = N / sqrt(Σ_g J_g²); no
 * re-estimation. t*(all +1) is the cluster-robust score (Rao) statistic at the restricted
 * estimate.
 */
public final class ScoreBootstrap {
  private ScoreBootstrap() {}

  /** t* of every draw. */
  public static double[] stars(double[] scores, double[] shares, BootstrapWeights weights) {
    double[] out = new double[weights.count()];
    int gs = scores.length;
    // Draws are independent: computed in parallel over the cores, each exactly as in sequence
    // (the interval's inversion evaluates this some 80 times per term).
    java.util.stream.IntStream.range(0, out.length).parallel().forEach(b -> {
      double[] v = weights.draws()[b];
      double num = 0;
      for (int g = 0; g < gs; g++) {
        num += v[g] * scores[g];
      }
      double den = 0;
      for (int g = 0; g < gs; g++) {
        double j = v[g] * scores[g] - shares[g] * num;
        den += j * j;
      }
      out[b] = num / Math.sqrt(den);
    });
    return out;
  }

  /**
   * Restricted score bootstrap: p of H0 from the scores at the restricted estimate (the share of
   * exceeding draws; 0 possible, see {@link BootstrapWeights#reported(double)}).
   */
  public static double restrictedPValue(double[] scores, double[] shares, BootstrapWeights w) {
    double[] t = stars(scores, shares, w);
    return BootstrapWeights.exceedShare(t, rao(scores, shares));
  }

  /** Rao statistic: t* of the all +1 draw. */
  public static double rao(double[] scores, double[] shares) {
    double num = 0;
    for (double s : scores) {
      num += s;
    }
    double den = 0;
    for (int g = 0; g < scores.length; g++) {
      double j = scores[g] - shares[g] * num;
      den += j * j;
    }
    return num / Math.sqrt(den);
  }

  /**
   * Bootstrap p of the Wald test H0: Rβ = 0 from unrestricted scores: directions' cluster scores
   * s[a][g], W = (Rβ̂)'(Σ_g s_g s_g')^-1 (Rβ̂) against N_v'(Σ_g J_g J_g')^-1 N_v; never 0
   * ({@link BootstrapWeights#reported(double)}).
   */
  public static double waldPValue(double[] rb, double[][] s, double[] shares,
      BootstrapWeights weights) {
    int q = rb.length;
    int gs = shares.length;
    double[][] meat = new double[q][q];
    for (int g = 0; g < gs; g++) {
      for (int a = 0; a < q; a++) {
        for (int e = 0; e < q; e++) {
          meat[a][e] += s[a][g] * s[e][g];
        }
      }
    }
    return exceedShare(s, shares, weights, Linear.quadratic(rb, Linear.inverse(meat), rb));
  }

  /**
   * Restricted score bootstrap p of a joint hypothesis: s[a][g] the clusters' scores of each
   * restriction at the restricted estimate; the observed statistic is the all +1 draw's, the
   * multi-restriction cluster-robust score statistic (one restriction: {@link #rao} squared).
   */
  public static double restrictedWaldPValue(double[][] s, double[] shares,
      BootstrapWeights weights) {
    double[] ones = new double[shares.length];
    Arrays.fill(ones, 1);
    return exceedShare(s, shares, weights, statistic(ones, s, shares));
  }

  private static double exceedShare(double[][] s, double[] shares, BootstrapWeights weights,
      double observed) {
    int exceed = 0;
    for (double[] v : weights.draws()) {
      if (statistic(v, s, shares) > observed * (1 + BootstrapWeights.TIE)) {
        exceed++;
      }
    }
    return weights.reported(exceed / (double) weights.count());
  }

  /** N_v'(Σ_g J_g J_g')^-1 N_v, N_v = Σ_g v_g s_g, J_g = v_g s_g - c_g N_v. */
  private static double statistic(double[] v, double[][] s, double[] shares) {
    int q = s.length;
    int gs = shares.length;
    double[] num = new double[q];
    for (int a = 0; a < q; a++) {
      for (int g = 0; g < gs; g++) {
        num[a] += v[g] * s[a][g];
      }
    }
    double[][] vs = new double[q][q];
    double[] j = new double[q];
    for (int g = 0; g < gs; g++) {
      for (int a = 0; a < q; a++) {
        j[a] = v[g] * s[a][g] - shares[g] * num[a];
      }
      for (int a = 0; a < q; a++) {
        for (int e = 0; e < q; e++) {
          vs[a][e] += j[a] * j[e];
        }
      }
    }
    return Linear.quadratic(num, Linear.inverse(vs), num);
  }
}
