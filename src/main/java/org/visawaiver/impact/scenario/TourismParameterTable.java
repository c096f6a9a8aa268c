package org.visawaiver.impact.scenario;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.visawaiver.impact.config.InputException;

/** The tourism parameters keyed by (destination, origin); a tiny table collected to the driver. */
public final class TourismParameterTable {
  static final String FILE = "tourism_parameters.csv";
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
   * jobs_per_musd, employment_multiplier, tax_share, source); numbers may arrive typed or as text.
   */
  public static TourismParameterTable fromRows(List<Row> rows) {
    return new TourismParameterTable(
        rows.stream()
            .map(
                r ->
                    new TourismParameters(
                        text(r, "destination"),
                        text(r, "origin"),
                        number(r, "spend_per_arrival_usd", Double.NaN),
                        number(r, "visa_fee_usd", Double.NaN),
                        number(r, "jobs_per_musd", Double.NaN),
                        number(r, "employment_multiplier", 1.0),
                        number(r, "tax_share", 0.0),
                        hasColumn(r, "source") ? text(r, "source") : ""))
            .toList());
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
