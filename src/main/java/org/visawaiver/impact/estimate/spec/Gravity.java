package org.visawaiver.impact.estimate.spec;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The gravity structure of a model's fixed effects, for the Weidner-Zylkin corrections: exporter
 * or origin i, importer or destination j, time t. Three-way: i^t + j^t + i^j; two-way: i^t + j^t.
 * Pure: read from the formula or checked against it.
 *
 * @param i the origin (exporter) column
 * @param j the destination (importer) column
 * @param t the time column
 * @param threeWay true when the pair fixed effect i^j is in the formula
 */
public record Gravity(String i, String j, String t, boolean threeWay) {
  public static final String EXAMPLE = "origin^month + destination^month + origin^destination "
      + "with gravity = [origin, destination, month]";

  /** The three columns, in the order i, j, t. */
  public List<String> columns() {
    return List.of(i, j, t);
  }

  /**
   * The structure read from the fixed effects: two-way when they are exactly a^t and b^t, three-way
   * when a^b is there as well and the variance clusters by it (in the three-way set any column
   * could be "time"; the pair is the cluster). Empty otherwise.
   */
  public static Optional<Gravity> detect(ModelFormula formula, VcovSpec vcov) {
    List<Set<String>> fes = sets(formula);
    if (fes == null) {
      return Optional.empty();
    }
    List<List<String>> cols = formula.fixedEffects().stream().map(FixedEffect::columns).toList();
    if (fes.size() == 2) {
      return pairOf(cols.get(0), cols.get(1)).map(c -> new Gravity(c.get(0), c.get(1), c.get(2),
          false));
    }
    if (vcov instanceof VcovSpec.Cluster c && c.dimensions().size() == 1) {
      Set<String> pair = Set.copyOf(c.dimensions().get(0).columns());
      if (pair.size() == 2 && fes.contains(pair)) {
        for (List<String> a : cols) {
          for (List<String> b : cols) {
            if (!a.equals(b) && !Set.copyOf(a).equals(pair) && !Set.copyOf(b).equals(pair)) {
              Optional<List<String>> ijt = pairOf(a, b);
              if (ijt.isPresent() && pair.equals(Set.of(ijt.get().get(0), ijt.get().get(1)))) {
                List<String> g = ijt.get();
                return Optional.of(new Gravity(g.get(0), g.get(1), g.get(2), true));
              }
            }
          }
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The structure named by configuration ({@code gravity = [i, j, t]} or {@code fit --gravity}),
   * checked against the formula's fixed effects.
   */
  public static Gravity configured(List<String> columns, ModelFormula formula, String where) {
    if (columns.size() != 3 || Set.copyOf(columns).size() != 3) {
      throw new EstimationException(where + ": gravity names three different columns i, j, t (origin, "
          + "destination, time), found " + columns + "; example: " + EXAMPLE
          + "; nothing was estimated");
    }
    String i = columns.get(0);
    String j = columns.get(1);
    String t = columns.get(2);
    List<Set<String>> fes = sets(formula);
    boolean two = fes != null && fes.size() == 2
        && fes.containsAll(List.of(Set.of(i, t), Set.of(j, t)));
    boolean three = fes != null && fes.size() == 3
        && fes.containsAll(List.of(Set.of(i, t), Set.of(j, t), Set.of(i, j)));
    if (!two && !three) {
      throw new EstimationException(where + ": gravity = " + columns + " needs the fixed effects "
          + i + "^" + t + " + " + j + "^" + t + " (two-way) or also " + i + "^" + j
          + " (three-way), found \"" + formula.text() + "\"; example: " + EXAMPLE
          + "; nothing was estimated");
    }
    return new Gravity(i, j, t, three);
  }

  /** The fixed effects as column sets when each has exactly two columns; null otherwise. */
  private static List<Set<String>> sets(ModelFormula formula) {
    List<Set<String>> out = formula.fixedEffects().stream()
        .map(fe -> Set.copyOf(fe.columns())).toList();
    boolean allPairs = !out.isEmpty()
        && formula.fixedEffects().stream().allMatch(fe -> fe.columns().size() == 2)
        && out.stream().allMatch(s -> s.size() == 2);
    return allPairs && Set.copyOf(out).size() == out.size() ? out : null;
  }

  /** a = {x, t}, b = {y, t} with x != y: [x, y, t]. */
  private static Optional<List<String>> pairOf(List<String> a, List<String> b) {
    for (String t : a) {
      if (b.contains(t)) {
        String x = a.stream().filter(c -> !c.equals(t)).findFirst().orElseThrow();
        String y = b.stream().filter(c -> !c.equals(t)).findFirst().orElseThrow();
        if (!x.equals(y)) {
          return Optional.of(List.of(x, y, t));
        }
      }
    }
    return Optional.empty();
  }
}
