package org.visawaiver.impact.estimate.spec;

/**
 * One model to fit, as configured. Immutable.
 *
 * @param name the model's name, used in every output row
 * @param estimator PPML or OLS
 * @param formula the parsed formula
 * @param vcov how its standard errors are computed
 */
public record ModelSpec(String name, Estimator estimator, ModelFormula formula, VcovSpec vcov) {

  /** Builds a spec from the texts a configuration holds; errors name {@code where}. */
  public static ModelSpec of(String name, String estimator, String formula, String vcov) {
    String where = "model \"" + name + "\"";
    return new ModelSpec(
        name,
        Estimator.parse(estimator, where + " estimator"),
        FormulaParser.parse(formula, where + " formula"),
        FormulaParser.parseVcov(vcov, where + " vcov"));
  }
}
