package org.visawaiver.impact.estimate.spec;

import java.util.List;
import java.util.Optional;

/**
 * One model to fit, as configured. Immutable.
 *
 * @param name the model's name, used in every output row
 * @param estimator PPML or OLS
 * @param formula the parsed formula
 * @param vcov how its standard errors are computed
 * @param gravity the origin, destination and time columns of a gravity structure (for the
 *     Weidner-Zylkin corrections of PPML), empty when the fixed effects have none
 */
public record ModelSpec(String name, Estimator estimator, ModelFormula formula, VcovSpec vcov,
    Optional<Gravity> gravity) {

  /** A spec whose gravity structure, if any, is read from the fixed effects. */
  public ModelSpec(String name, Estimator estimator, ModelFormula formula, VcovSpec vcov) {
    this(name, estimator, formula, vcov, Gravity.detect(formula, vcov));
  }

  /** Builds a spec from the texts a configuration holds; errors name {@code where}. */
  public static ModelSpec of(String name, String estimator, String formula, String vcov) {
    return of(name, estimator, formula, vcov, List.of());
  }

  /**
   * As above; {@code gravity} names the columns i, j, t (checked against the fixed effects), or is
   * empty to read them from the fixed effects.
   */
  public static ModelSpec of(String name, String estimator, String formula, String vcov,
      List<String> gravity) {
    String where = "model \"" + name + "\"";
    ModelFormula f = FormulaParser.parse(formula, where + " formula");
    VcovSpec v = FormulaParser.parseVcov(vcov, where + " vcov");
    Optional<Gravity> g = gravity.isEmpty() ? Gravity.detect(f, v)
        : Optional.of(Gravity.configured(gravity, f, where));
    return new ModelSpec(name, Estimator.parse(estimator, where + " estimator"), f, v, g);
  }
}
