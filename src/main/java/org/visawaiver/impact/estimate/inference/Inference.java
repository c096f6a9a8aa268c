package org.visawaiver.impact.estimate.inference;

import java.util.List;

/**
 * Few-cluster inference of one fitted model. Immutable.
 *
 * @param terms one entry per coefficient, aligned with the fit's terms
 * @param method how the bootstrap columns were computed (e.g. "WCR, 1024 Rademacher draws
 *     enumerated"), empty when no bootstrap ran
 * @param waldBootPValue bootstrap p-value of the Wald test of equal waiver effects, NaN if none
 * @param notes remarks for model_summary.csv (few clusters, what was skipped and why)
 */
public record Inference(List<TermInference> terms, String method, double waldBootPValue,
    List<String> notes) {
  public Inference {
    terms = List.copyOf(terms);
    notes = List.copyOf(notes);
  }

  public static Inference none(List<String> terms, String why) {
    return new Inference(terms.stream().map(TermInference::none).toList(), "", Double.NaN,
        why.isEmpty() ? List.of() : List.of(why));
  }

  public TermInference term(int i) {
    return terms.get(i);
  }
}
