package org.visawaiver.impact.scenario;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RectangularCholeskyDecomposition;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * Draws from a multivariate normal N(mean, cov) as {@code mean + B z}, z standard normal, with B
 * the pivoted (rectangular) Cholesky root of commons-math3: {@code B B' = cov}. A positive
 * semi-definite covariance (collinear or fixed estimates) gives a root with fewer columns than
 * rows, so draws stay on the subspace the estimates allow; a zero covariance gives the mean.
 */
final class JointNormalSampler {
  /** Pivots below this share of the largest variance count as zero (rank deficiency). */
  static final double RELATIVE_PIVOT_TOLERANCE = 1e-12;

  private final double[] mean;
  private final double[][] root; // k x r

  JointNormalSampler(double[] mean, double[][] cov) {
    this.mean = mean.clone();
    double maxVariance = 0;
    for (int i = 0; i < cov.length; i++) {
      if (!Double.isFinite(cov[i][i]) || !Double.isFinite(mean[i])) {
        throw new IllegalArgumentException("estimate " + i + " or its variance is not finite");
      }
      maxVariance = Math.max(maxVariance, cov[i][i]);
    }
    if (maxVariance <= 0) {
      this.root = new double[mean.length][0];
      return;
    }
    RealMatrix symmetric = new Array2DRowRealMatrix(cov.length, cov.length);
    for (int i = 0; i < cov.length; i++) {
      for (int j = 0; j < cov.length; j++) {
        symmetric.setEntry(i, j, 0.5 * (cov[i][j] + cov[j][i]));
      }
    }
    try {
      this.root =
          new RectangularCholeskyDecomposition(symmetric, RELATIVE_PIVOT_TOLERANCE * maxVariance)
              .getRootMatrix()
              .getData();
    } catch (NonPositiveDefiniteMatrixException e) {
      throw new IllegalArgumentException("covariance matrix is not positive semi-definite: " + e.getMessage(), e);
    }
  }

  /** Rank of the covariance (columns of the root). */
  int rank() {
    return root.length == 0 ? 0 : root[0].length;
  }

  /**
   * {@code draws} joint draws, term-major: {@code result[i][d]} is term i in draw d. Consumes
   * exactly {@code draws x rank} standard normals, draw by draw.
   */
  double[][] draw(int draws, RandomGenerator rng) {
    int k = mean.length;
    int r = rank();
    double[][] out = new double[k][draws];
    double[] z = new double[r];
    for (int d = 0; d < draws; d++) {
      for (int j = 0; j < r; j++) {
        z[j] = rng.nextGaussian();
      }
      for (int i = 0; i < k; i++) {
        double x = mean[i];
        double[] bi = root[i];
        for (int j = 0; j < r; j++) {
          x += bi[j] * z[j];
        }
        out[i][d] = x;
      }
    }
    return out;
  }
}
