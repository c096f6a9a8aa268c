package org.visawaiver.impact.validate;

import java.util.List;
import java.util.Set;
import org.apache.spark.sql.types.StructType;
import org.visawaiver.impact.ingest.DatasetSpec;

/** The row rules of the four input datasets (CONTRACT.md, "Input datasets"). */
final class DatasetRules {
  static final Set<String> REGIMES = Set.of("visa_required", "evisa", "visa_on_arrival", "visa_free");
  private static final double NO_MAX = Double.MAX_VALUE;

  private DatasetRules() {}

  static final RowRules ARRIVALS =
      new Base(
          new DatasetSpec("arrivals", List.of("destination", "origin", "month", "arrivals"), List.of("source")),
          AcceptedSchemas.ARRIVALS,
          List.of(Checks.ROW_SHAPE, Checks.REQUIRED_VALUE, Checks.CODE_FORMAT, Checks.MONTH_FORMAT,
              Checks.COUNT_FORMAT, Checks.DUPLICATE_KEY, Checks.ARRIVALS_PLAUSIBLE),
          List.of("destination", "origin", "month")) {
        @Override
        public Object[] parse(RowCells c) {
          return new Object[] {
            c.code("destination"), c.code("origin"), c.month("month"), c.count("arrivals"), c.text("source")
          };
        }
      };

  static final RowRules VISA_POLICY =
      new Base(
          new DatasetSpec("visa_policy", List.of("destination", "origin", "regime", "effective_from"),
              List.of("effective_to", "max_stay_days", "fee_usd", "source")),
          AcceptedSchemas.VISA_POLICY,
          List.of(Checks.ROW_SHAPE, Checks.REQUIRED_VALUE, Checks.CODE_FORMAT, Checks.REGIME_KNOWN,
              Checks.DATE_FORMAT, Checks.INTERVAL_ORDER, Checks.COUNT_FORMAT, "max_stay_days_range",
              Checks.MAX_STAY_FOR_VISA_FREE, Checks.NUMBER_FORMAT, "fee_usd_range",
              Checks.OVERLAPPING_INTERVAL),
          List.of()) {
        @Override
        public Object[] parse(RowCells c) {
          String destination = c.code("destination");
          String origin = c.code("origin");
          String regime = c.required("regime", "visa_free");
          if (regime != null && !REGIMES.contains(regime)) {
            c.fail(Checks.REGIME_KNOWN, "regime \"" + regime
                + "\" is not one of visa_required, evisa, visa_on_arrival, visa_free");
          }
          java.sql.Date from = c.date("effective_from", true);
          java.sql.Date to = c.date("effective_to", false);
          intervalOrder(c, from, to);
          Long stay = c.count("max_stay_days");
          if (stay != null && (stay < 1 || stay > 100_000)) {
            c.fail("max_stay_days_range", "max_stay_days " + stay + " is outside the allowed range 1..100000");
          }
          if ("visa_free".equals(regime) && stay == null && c.text("max_stay_days") == null) {
            c.fail(Checks.MAX_STAY_FOR_VISA_FREE,
                "max_stay_days is empty; it is required when regime is visa_free (e.g. 30)");
          }
          Double fee = c.number("fee_usd", false, 0, NO_MAX, "30");
          return new Object[] {
            destination, origin, regime, from, to, stay == null ? null : stay.intValue(), fee, c.text("source")
          };
        }
      };

  static final RowRules ADVISORIES =
      new Base(
          new DatasetSpec("advisories", List.of("issuer", "destination", "level", "effective_from"),
              List.of("effective_to", "region", "source")),
          AcceptedSchemas.ADVISORIES,
          List.of(Checks.ROW_SHAPE, Checks.REQUIRED_VALUE, Checks.CODE_FORMAT, Checks.NUMBER_FORMAT,
              "level_range", Checks.DATE_FORMAT, Checks.INTERVAL_ORDER),
          List.of()) {
        @Override
        public boolean mayBeEmpty() {
          return true;
        }

        @Override
        public Object[] parse(RowCells c) {
          String issuer = c.code("issuer");
          String destination = c.code("destination");
          Double level = c.number("level", true, 1, 4, "2.5");
          java.sql.Date from = c.date("effective_from", true);
          java.sql.Date to = c.date("effective_to", false);
          intervalOrder(c, from, to);
          return new Object[] {issuer, destination, level, from, to, c.text("region"), c.text("source")};
        }
      };

  static final RowRules TOURISM_PARAMETERS =
      new Base(
          new DatasetSpec("tourism_parameters",
              List.of("destination", "origin", "spend_per_arrival_usd", "visa_fee_usd", "jobs_per_musd"),
              List.of("employment_multiplier", "tax_share", "source", "spend_per_arrival_usd_low",
                  "spend_per_arrival_usd_high", "jobs_per_musd_low", "jobs_per_musd_high",
                  "employment_multiplier_low", "employment_multiplier_high", "tax_share_low", "tax_share_high")),
          AcceptedSchemas.TOURISM_PARAMETERS,
          List.of(Checks.ROW_SHAPE, Checks.REQUIRED_VALUE, Checks.CODE_FORMAT, Checks.NUMBER_FORMAT,
              "spend_per_arrival_usd_range", "visa_fee_usd_range", "jobs_per_musd_range",
              "employment_multiplier_range", "tax_share_range", "spend_per_arrival_usd_low_range",
              "spend_per_arrival_usd_high_range", "jobs_per_musd_low_range", "jobs_per_musd_high_range",
              "employment_multiplier_low_range", "employment_multiplier_high_range", "tax_share_low_range",
              "tax_share_high_range", Checks.PARAMETER_BOUNDS, Checks.DUPLICATE_KEY),
          List.of("destination", "origin")) {
        @Override
        public Object[] parse(RowCells c) {
          Double spend = c.number("spend_per_arrival_usd", true, 0, NO_MAX, "744");
          Double jobs = c.number("jobs_per_musd", true, 0, NO_MAX, "128");
          Double multiplier = c.number("employment_multiplier", false, 0, NO_MAX, "1.6");
          Double tax = c.number("tax_share", false, 0, 1, "0.1");
          return new Object[] {
            c.code("destination"),
            c.code("origin"),
            spend,
            c.number("visa_fee_usd", true, 0, NO_MAX, "30"),
            jobs,
            multiplier,
            tax,
            c.text("source"),
            bound(c, "spend_per_arrival_usd_low", spend, -1, NO_MAX, "600"),
            bound(c, "spend_per_arrival_usd_high", spend, 1, NO_MAX, "900"),
            bound(c, "jobs_per_musd_low", jobs, -1, NO_MAX, "100"),
            bound(c, "jobs_per_musd_high", jobs, 1, NO_MAX, "150"),
            bound(c, "employment_multiplier_low", multiplier == null ? 1.0 : multiplier, -1, NO_MAX, "1"),
            bound(c, "employment_multiplier_high", multiplier == null ? 1.0 : multiplier, 1, NO_MAX, "2"),
            bound(c, "tax_share_low", tax == null ? 0.0 : tax, -1, 1, "0.05"),
            bound(c, "tax_share_high", tax == null ? 0.0 : tax, 1, 1, "0.2")
          };
        }
      };

  /**
   * An optional {@code <column>_low} ({@code side} -1) or {@code _high} (+1) bound: a number in
   * [0, max] on the right side of the column's own value (low <= value <= high).
   */
  private static Double bound(RowCells c, String column, Double value, int side, double max, String example) {
    Double b = c.number(column, false, 0, max, example);
    if (b != null && value != null && (side < 0 ? b > value : b < value)) {
      String of = column.substring(0, column.lastIndexOf('_'));
      c.fail(Checks.PARAMETER_BOUNDS, column + " " + Checks.plain(b) + " is " + (side < 0 ? "above" : "below")
          + " " + of + " " + Checks.plain(value) + "; a range needs " + of + "_low <= " + of + " <= " + of + "_high");
      return null;
    }
    return b;
  }

  static List<RowRules> inputs(boolean withParameters) {
    return withParameters
        ? List.of(ARRIVALS, VISA_POLICY, ADVISORIES, TOURISM_PARAMETERS)
        : List.of(ARRIVALS, VISA_POLICY, ADVISORIES);
  }

  private static void intervalOrder(RowCells c, java.sql.Date from, java.sql.Date to) {
    if (from != null && to != null && to.before(from)) {
      c.fail(Checks.INTERVAL_ORDER, "effective_to " + to + " is before effective_from " + from
          + " (effective_to is inclusive; leave it empty for an open-ended interval)");
    }
  }

  private abstract static class Base implements RowRules {
    private final DatasetSpec spec;
    private final StructType accepted;
    private final List<String> checks;
    private final List<String> key;

    Base(DatasetSpec spec, StructType accepted, List<String> checks, List<String> key) {
      this.spec = spec;
      this.accepted = accepted;
      this.checks = List.copyOf(checks);
      this.key = List.copyOf(key);
    }

    @Override
    public DatasetSpec spec() {
      return spec;
    }

    @Override
    public StructType accepted() {
      return accepted;
    }

    @Override
    public List<String> checks() {
      return checks;
    }

    @Override
    public List<String> key() {
      return key;
    }

    /** One instance per dataset also in Spark tasks: the set rules tell datasets apart by identity. */
    protected Object readResolve() {
      return inputs(true).stream().filter(r -> r.spec().name().equals(spec.name())).findFirst().orElseThrow();
    }
  }
}
