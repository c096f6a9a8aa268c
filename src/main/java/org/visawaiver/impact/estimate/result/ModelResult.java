package org.visawaiver.impact.estimate.result;

import java.util.List;

/**
 * One fitted model. Immutable. The estimation issue extends this value (dropped observations and
 * why, small-sample factors, iterations, convergence, deviance); the accessors below are the seam
 * that scenarios rely on and must keep their meaning.
 *
 * @param model the model's name in the configuration, e.g. {@code ppml}
 * @param terms the coefficient names in order, e.g. {@code waiver:VNM}, {@code stay_log}
 * @param coefficients the estimates, aligned with {@code terms}
 * @param vcov the variance-covariance matrix of the estimates, aligned with {@code terms}
 */
public record ModelResult(String model, List<String> terms, double[] coefficients, double[][] vcov) {
  public ModelResult {
    terms = List.copyOf(terms);
    coefficients = coefficients.clone();
    double[][] copy = new double[vcov.length][];
    for (int i = 0; i < vcov.length; i++) {
      copy[i] = vcov[i].clone();
    }
    vcov = copy;
  }

  /** Position of a term, or -1. */
  public int indexOf(String term) {
    return terms.indexOf(term);
  }

  @Override
  public double[] coefficients() {
    return coefficients.clone();
  }

  @Override
  public double[][] vcov() {
    double[][] copy = new double[vcov.length][];
    for (int i = 0; i < vcov.length; i++) {
      copy[i] = vcov[i].clone();
    }
    return copy;
  }
}
