package org.visawaiver.impact.estimate.frame;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.visawaiver.impact.domain.PanelColumns;
import org.visawaiver.impact.domain.WaiverTerms;
import org.visawaiver.impact.estimate.spec.EstimationException;
import org.visawaiver.impact.estimate.spec.ModelSpec;
import org.visawaiver.impact.estimate.spec.Term;
import org.visawaiver.impact.estimate.spec.VcovSpec;

/**
 * The formula's terms as regressor columns: a column or its log as itself, waiver_by(...) as one
 * share column per named destination plus one for the others, i(factor, value, ref) as one column
 * per level but the reference; an intercept when there are no fixed effects. Checks that the
 * panel has every column the model and its variances name, and that no coefficient appears twice.
 *
 * @param names coefficient names, aligned with {@code values}
 * @param values the regressor columns as Spark expressions (doubles; missing is null or NaN)
 */
record TermExpansion(List<String> names, List<Column> values) {
  TermExpansion {
    names = List.copyOf(names);
    values = List.copyOf(values);
  }

  static TermExpansion of(Dataset<Row> panel, ModelSpec spec, List<VcovSpec> vcovs) {
    String where = "model \"" + spec.name() + "\"";
    checkColumns(panel, spec, where);
    for (VcovSpec v : vcovs) {
      checkColumns(panel, new ModelSpec(spec.name(), spec.estimator(), spec.formula(), v,
          spec.gravity()), where);
    }
    List<String> terms = new ArrayList<>();
    List<Column> exprs = new ArrayList<>();
    for (Term t : spec.formula().terms()) {
      expand(panel, t, terms, exprs, where);
    }
    if (spec.formula().fixedEffects().isEmpty()) {
      terms.add(ModelFrameBuilder.INTERCEPT);
      exprs.add(lit(1.0));
    }
    Set<String> unique = new LinkedHashSet<>(terms);
    if (unique.size() != terms.size()) {
      throw new EstimationException(where + ": a coefficient appears twice in " + terms
          + "; write each term once; nothing was estimated");
    }
    return new TermExpansion(terms, exprs);
  }

  private static void checkColumns(Dataset<Row> panel, ModelSpec spec, String where) {
    Set<String> have = new LinkedHashSet<>(Arrays.asList(panel.columns()));
    List<String> need = new ArrayList<>();
    need.add(spec.formula().outcome());
    for (Term t : spec.formula().terms()) {
      need.addAll(columnsOf(t));
    }
    spec.formula().fixedEffects().forEach(fe -> need.addAll(fe.columns()));
    if (spec.vcov() instanceof VcovSpec.Cluster c) {
      c.dimensions().forEach(fe -> need.addAll(fe.columns()));
    }
    for (String c : need) {
      if (!have.contains(c)) {
        throw new EstimationException(where + ": column \"" + c + "\" is not in the panel (columns: "
            + String.join(", ", have) + "); fix the formula or vcov in estimate.models; "
            + "nothing was estimated");
      }
    }
  }

  private static List<String> columnsOf(Term t) {
    if (t instanceof Term.Column c) {
      return List.of(c.column());
    } else if (t instanceof Term.Log l) {
      return List.of(l.column());
    } else if (t instanceof Term.WaiverBy) {
      return List.of(PanelColumns.WAIVER_SHARE, PanelColumns.DESTINATION);
    }
    Term.Interaction i = (Term.Interaction) t;
    List<String> out = new ArrayList<>(List.of(i.factor()));
    if (i.value() != null) {
      out.addAll(columnsOf(i.value()));
    }
    return out;
  }

  private static Column valueOf(Term t) {
    if (t instanceof Term.Column c) {
      return col(c.column()).cast(DataTypes.DoubleType);
    }
    // log of a non-positive value is missing (Spark returns null), so the row is dropped.
    return functions.log(col(((Term.Log) t).column()).cast(DataTypes.DoubleType));
  }

  private static void expand(
      Dataset<Row> panel, Term t, List<String> names, List<Column> exprs, String where) {
    if (t instanceof Term.Column || t instanceof Term.Log) {
      names.add(t.label());
      exprs.add(valueOf(t));
    } else if (t instanceof Term.WaiverBy wb) {
      Column dest = col(PanelColumns.DESTINATION);
      Column share = col(PanelColumns.WAIVER_SHARE).cast(DataTypes.DoubleType);
      for (String d : wb.destinations()) {
        names.add(WaiverTerms.of(d));
        exprs.add(when(dest.equalTo(d), share).otherwise(lit(0.0)));
      }
      names.add(WaiverTerms.of(WaiverTerms.OTHER));
      exprs.add(when(dest.isin(wb.destinations().toArray()), lit(0.0)).otherwise(share));
    } else {
      Term.Interaction i = (Term.Interaction) t;
      List<String> levels = factorLevels(panel, i.factor());
      if (i.reference() != null && !levels.contains(i.reference())) {
        throw new EstimationException(where + ": " + i.label() + ": reference level \""
            + i.reference() + "\" is not a value of " + i.factor() + " (values: "
            + String.join(", ", levels.subList(0, Math.min(5, levels.size())))
            + (levels.size() > 5 ? ", ..." : "") + "); nothing was estimated");
      }
      Column factor = col(i.factor()).cast(DataTypes.StringType);
      Column value = i.value() == null ? lit(1.0) : valueOf(i.value());
      for (String level : levels) {
        if (level.equals(i.reference())) {
          continue;
        }
        names.add(i.termName(level));
        exprs.add(when(factor.equalTo(level), value).otherwise(lit(0.0)));
      }
    }
  }

  /** Distinct values of a factor (a few, by nature), numerically sorted when all are numbers. */
  private static List<String> factorLevels(Dataset<Row> panel, String factor) {
    List<String> levels = new ArrayList<>();
    for (Row r : panel.select(col(factor).cast(DataTypes.StringType)).where(col(factor).isNotNull())
        .distinct().collectAsList()) {
      levels.add(r.getString(0));
    }
    boolean numeric = levels.stream().allMatch(s -> s.matches("-?\\d+(\\.\\d+)?"));
    if (numeric) {
      levels.sort((a, b) -> Double.compare(Double.parseDouble(a), Double.parseDouble(b)));
    } else {
      levels.sort(String::compareTo);
    }
    return levels;
  }
}
