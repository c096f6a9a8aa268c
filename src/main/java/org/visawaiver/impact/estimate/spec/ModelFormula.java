package org.visawaiver.impact.estimate.spec;

import java.util.List;

/**
 * A parsed formula {@code outcome ~ terms | fixed effects}. Immutable.
 *
 * @param outcome the outcome column (arrivals)
 * @param outcomeLogged true when written as {@code log(outcome)} (OLS models the log either way)
 * @param terms right-hand-side terms in the order written
 * @param fixedEffects absorbed fixed effects; empty means an intercept is estimated instead
 */
public record ModelFormula(
    String outcome, boolean outcomeLogged, List<Term> terms, List<FixedEffect> fixedEffects) {
  public ModelFormula {
    terms = List.copyOf(terms);
    fixedEffects = List.copyOf(fixedEffects);
  }

  /** The formula written out again, normalised (one space around operators). */
  public String text() {
    String lhs = outcomeLogged ? "log(" + outcome + ")" : outcome;
    String rhs = String.join(" + ", terms.stream().map(Term::label).toList());
    String fe = String.join(" + ", fixedEffects.stream().map(FixedEffect::name).toList());
    return lhs + " ~ " + rhs + (fe.isEmpty() ? "" : " | " + fe);
  }
}
