package org.visawaiver.impact.estimate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.visawaiver.impact.domain.PanelColumns;
import org.visawaiver.impact.estimate.spec.Estimator;
import org.visawaiver.impact.estimate.spec.FormulaParser;
import org.visawaiver.impact.estimate.spec.Gravity;
import org.visawaiver.impact.estimate.spec.ModelFormula;
import org.visawaiver.impact.estimate.spec.ModelSpec;
import org.visawaiver.impact.estimate.spec.Term;
import org.visawaiver.impact.estimate.spec.VcovSpec;

/**
 * What {@code waiver-impact fit} was asked for, parsed before any data is read (a malformed
 * formula, variance, estimator or gravity list stops here). Immutable.
 *
 * @param panel the CSV or Parquet file
 * @param spec the model: named {@link #MODEL}, gravity only when given
 */
public record FitRequest(Path panel, ModelSpec spec) {
  /** The model column of the outputs. */
  public static final String MODEL = "fit";

  /**
   * @param vcov as in the configuration; null for fixest's default (clustered by the first fixed
   *     effect, iid without fixed effects)
   * @param gravity "I,J,T" or null
   */
  public static FitRequest of(Path panel, String formula, String estimator, String vcov,
      String gravity) {
    ModelFormula f = FormulaParser.parse(formula, "fit --formula");
    String v = vcov != null ? vcov
        : f.fixedEffects().isEmpty() ? "iid" : "cluster(" + f.fixedEffects().get(0).name() + ")";
    VcovSpec vs = FormulaParser.parseVcov(v, "fit --vcov");
    Optional<Gravity> g = gravity == null ? Optional.empty()
        : Optional.of(Gravity.configured(List.of(gravity.split(",", -1)).stream()
            .map(String::trim).toList(), f, "fit --gravity"));
    Estimator e = Estimator.parse(estimator, "fit --estimator");
    return new FitRequest(panel, new ModelSpec(MODEL, e, f, vs, g));
  }

  /** Every column the model names: outcome, regressors, fixed effects, clusters, gravity. */
  public List<String> columns() {
    List<String> out = new ArrayList<>(numericColumns());
    spec.formula().terms().forEach(t -> {
      if (t instanceof Term.Interaction i) {
        out.add(i.factor());
      } else if (t instanceof Term.WaiverBy) {
        out.add(PanelColumns.DESTINATION);
      }
    });
    spec.formula().fixedEffects().forEach(fe -> out.addAll(fe.columns()));
    if (spec.vcov() instanceof VcovSpec.Cluster c) {
      c.dimensions().forEach(d -> out.addAll(d.columns()));
    }
    spec.gravity().ifPresent(g -> out.addAll(g.columns()));
    return out.stream().distinct().toList();
  }

  /** The outcome and the columns regressors are computed from: these must hold numbers. */
  public List<String> numericColumns() {
    List<String> out = new ArrayList<>();
    out.add(spec.formula().outcome());
    for (Term t : spec.formula().terms()) {
      valueColumn(t, out);
    }
    return out.stream().distinct().toList();
  }

  private static void valueColumn(Term t, List<String> out) {
    if (t instanceof Term.Column c) {
      out.add(c.column());
    } else if (t instanceof Term.Log l) {
      out.add(l.column());
    } else if (t instanceof Term.WaiverBy) {
      out.add(PanelColumns.WAIVER_SHARE);
    } else if (t instanceof Term.Interaction i && i.value() != null) {
      valueColumn(i.value(), out);
    }
  }
}
