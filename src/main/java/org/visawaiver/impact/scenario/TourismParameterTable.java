package org.visawaiver.impact.scenario;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.visawaiver.impact.config.InputException;
import org.visawaiver.impact.scenario.draws.Triangular;

/** The tourism parameters keyed by (destination, origin); a tiny table collected to the driver. */
public final class TourismParameterTable {
  static final String FILE = "tourism_parameters.csv";
  /** Suffixes of the optional range columns of an {@link UncertainParameter}. */
  public static final String LOW = "_low";

  public static final String HIGH = "_high";
  private final Map<String, TourismParameters> byPair = new LinkedHashMap<>();

  public TourismParameterTable(List<TourismParameters> rows) {
    for (TourismParameters p : rows) {
      check(p);
      if (byPair.put(key(p.destination(), p.origin()), p) != null) {
        throw new InputException(FILE + ": two rows for destination " + p.destination() + " and origin "
            + p.origin() + "; keep one; no scenarios were projected");
      }
    }
  }

  /**
   * From the accepted rows (columns destination, origin, spend_per_arrival_usd, visa_fee_usd,
   * jobs_per_musd, employment_multiplier, tax_share, source, and the optional {@code <column>_low}
   * and {@code <column>_high} of the {@link UncertainParameter}s); numbers may arrive typed or as
   * text.
   */
  public static TourismParameterTable fromRows(List<Row> rows) {
    return new TourismParameterTable(rows.stream().map(TourismParameterTable::fromRow).toList());
  }

  private static TourismParameters fromRow(Row r) {
    TourismParameters p =
        new TourismParameters(
            text(r, "destination"),
            text(r, "origin"),
            number(r, "spend_per_arrival_usd", Double.NaN),
            number(r, "visa_fee_usd", Double.NaN),
            number(r, "jobs_per_musd", Double.NaN),
            number(r, "employment_multiplier", 1.0),
            number(r, "tax_share", 0.0),
            hasColumn(r, "source") ? text(r, "source") : "");
    Map<UncertainParameter, Triangular> ranges = new EnumMap<>(UncertainParameter.class);
    for (UncertainParameter u : UncertainParameter.values()) {
      double low = number(r, u.column() + LOW, Double.NaN);
      double high = number(r, u.column() + HIGH, Double.NaN);
      if (Double.isNaN(low) && Double.isNaN(high)) {
        continue;
      }
      double mode = u.value(p);
      String where = FILE + " row " + p.destination() + "/" + p.origin() + ": ";
      // one bound alone: the other side is the value itself
      low = Double.isNaN(low) ? mode : low;
      high = Double.isNaN(high) ? mode : high;
      if (!(low <= mode && mode <= high)) {
        throw new InputException(where + u.column() + LOW + " = " + low + ", " + u.column() + " = " + mode + ", "
            + u.column() + HIGH + " = " + high + ": the range must satisfy low <= value <= high; fix the bounds or"
            + " leave them empty (fixed value); no scenarios were projected");
      }
      requireRange(where, u.column() + LOW, low, 0, u == UncertainParameter.TAX ? 1 : Double.MAX_VALUE);
      requireRange(where, u.column() + HIGH, high, 0, u == UncertainParameter.TAX ? 1 : Double.MAX_VALUE);
      ranges.put(u, new Triangular(low, mode, high));
    }
    return new TourismParameters(p.destination(), p.origin(), p.spendPerArrivalUsd(), p.visaFeeUsd(),
        p.jobsPerMusd(), p.employmentMultiplier(), p.taxShare(), p.source(), ranges);
  }

  /** The parameters of a pair, or an InputException naming the file and the scenario. */
  public TourismParameters require(String destination, String origin, String scenario) {
    TourismParameters p = byPair.get(key(destination, origin));
    if (p == null) {
      throw new InputException(FILE + ": no row for destination " + destination + " and origin " + origin
          + ", which scenario " + scenario + " needs; add one (spend_per_arrival_usd, visa_fee_usd,"
          + " jobs_per_musd with sources) or remove " + origin + " from the scenario; no scenarios were projected");
    }
    return p;
  }

  private static String key(String destination, String origin) {
    return destination + "\u0000" + origin;
  }

  private static void check(TourismParameters p) {
    String where = FILE + " row " + p.destination() + "/" + p.origin() + ": ";
    requireRange(where, "spend_per_arrival_usd", p.spendPerArrivalUsd(), 0, Double.MAX_VALUE);
    requireRange(where, "visa_fee_usd", p.visaFeeUsd(), 0, Double.MAX_VALUE);
    requireRange(where, "jobs_per_musd", p.jobsPerMusd(), 0, Double.MAX_VALUE);
    requireRange(where, "employment_multiplier", p.employmentMultiplier(), 0, Double.MAX_VALUE);
    requireRange(where, "tax_share", p.taxShare(), 0, 1);
  }

  private static void requireRange(String where, String column, double v, double lo, double hi) {
    if (!(v >= lo && v <= hi)) {
      throw new InputException(where + column + " = " + v + " must be a number in [" + lo + ", "
          + (hi == Double.MAX_VALUE ? "inf" : hi) + "]; no scenarios were projected");
    }
  }

  private static boolean hasColumn(Row r, String column) {
    return List.of(r.schema().fieldNames()).contains(column);
  }

  private static String text(Row r, String column) {
    Object v = r.getAs(column);
    return v == null ? "" : v.toString().trim();
  }

  private static double number(Row r, String column, double ifEmpty) {
    if (!hasColumn(r, column)) {
      return ifEmpty;
    }
    Object v = r.getAs(column);
    if (v == null || v.toString().isBlank()) {
      return ifEmpty;
    }
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    try {
      return Double.parseDouble(v.toString().trim());
    } catch (NumberFormatException e) {
      return Double.NaN; // reported by check() with the value
    }
  }
}
