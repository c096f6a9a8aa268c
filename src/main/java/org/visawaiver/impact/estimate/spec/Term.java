package org.visawaiver.impact.estimate.spec;

import java.util.List;

/** One right-hand-side term of a formula, as written; {@code ModelFrameBuilder} expands it to columns. */
public sealed interface Term permits Term.Column, Term.Log, Term.WaiverBy, Term.Interaction {

  /** A panel column used as it is. */
  record Column(String column) implements Term {
    @Override
    public String label() {
      return column;
    }
  }

  /** The natural logarithm of a panel column, named {@code log(column)} as fixest names it. */
  record Log(String column) implements Term {
    @Override
    public String label() {
      return "log(" + column + ")";
    }
  }

  /**
   * {@code waiver_by(A, B, ...)}: one waiver slope per listed destination and one for all other
   * destinations together. The grammar only records the list; the columns it reads and the names of
   * its coefficients are the domain's ({@code domain.PanelColumns}, {@code domain.WaiverTerms}),
   * applied where the model frame expands the term.
   */
  record WaiverBy(List<String> destinations) implements Term {
    public WaiverBy {
      destinations = List.copyOf(destinations);
    }

    @Override
    public String label() {
      return "waiver_by(" + String.join(", ", destinations) + ")";
    }
  }

  /**
   * {@code i(factor[, value][, ref=level])}: one column per level of {@code factor} except the
   * reference, equal to {@code value} (or 1) on rows of that level; named {@code factor::level:value}
   * (fixest's names).
   *
   * @param value the interacted variable, or null for plain level dummies
   * @param reference the left-out level, or null to keep every level
   */
  record Interaction(String factor, Term value, String reference) implements Term {
    @Override
    public String label() {
      return "i(" + factor + (value == null ? "" : ", " + value.label())
          + (reference == null ? "" : ", ref=" + reference) + ")";
    }

    public String termName(String level) {
      return factor + "::" + level + (value == null ? "" : ":" + value.label());
    }
  }

  /** The term as it is written in a formula. */
  String label();
}
