package org.visawaiver.impact.estimate.vcov;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/** Small dense k x k helpers of the variance code (driver side). */
public final class Matrices {
  private Matrices() {}

  public static double[][] copy(double[][] m) {
    double[][] c = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      c[i] = m[i].clone();
    }
    return c;
  }

  /** bread · meat · bread. */
  public static double[][] sandwich(double[][] bread, double[][] meat) {
    RealMatrix b = new Array2DRowRealMatrix(bread);
    return b.multiply(new Array2DRowRealMatrix(meat)).multiply(b).getData();
  }

  public static double[][] scale(double[][] m, double f) {
    double[][] out = new double[m.length][m.length];
    for (int i = 0; i < m.length; i++) {
      for (int j = 0; j < m.length; j++) {
        out[i][j] = m[i][j] * f;
      }
    }
    return out;
  }

  /** acc += f · m, returned. */
  public static double[][] addScaled(double[][] acc, double[][] m, double f) {
    for (int i = 0; i < acc.length; i++) {
      for (int j = 0; j < acc.length; j++) {
        acc[i][j] += f * m[i][j];
      }
    }
    return acc;
  }

  /** A flat row-major k x k array as a matrix. */
  public static double[][] square(double[] flat, int k, int from) {
    double[][] m = new double[k][k];
    for (int a = 0; a < k; a++) {
      System.arraycopy(flat, from + a * k, m[a], 0, k);
    }
    return m;
  }

  /** Sets negative eigenvalues to zero (Cameron, Gelbach and Miller 2011), as fixest does. */
  public static double[][] positiveSemidefinite(double[][] v) {
    EigenDecomposition e = new EigenDecomposition(new Array2DRowRealMatrix(v));
    double[] values = e.getRealEigenvalues();
    boolean negative = false;
    for (double d : values) {
      negative |= d < 0;
    }
    if (!negative) {
      return v;
    }
    RealMatrix vecs = e.getV();
    double[][] d = new double[values.length][values.length];
    for (int i = 0; i < values.length; i++) {
      d[i][i] = Math.max(values[i], 0);
    }
    return vecs.multiply(new Array2DRowRealMatrix(d)).multiply(vecs.transpose()).getData();
  }
}
