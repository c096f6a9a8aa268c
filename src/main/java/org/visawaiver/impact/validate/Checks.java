package org.visawaiver.impact.validate;

/** Names of the validation checks, as they appear in {@code validation_checks.csv}. */
final class Checks {
  static final String ROW_SHAPE = "row_shape";
  static final String REQUIRED_VALUE = "required_value";
  static final String CODE_FORMAT = "code_format";
  static final String MONTH_FORMAT = "month_format";
  static final String DATE_FORMAT = "date_format";
  static final String COUNT_FORMAT = "count_format";
  static final String NUMBER_FORMAT = "number_format";
  static final String REGIME_KNOWN = "regime_known";
  static final String MAX_STAY_FOR_VISA_FREE = "max_stay_for_visa_free";
  static final String INTERVAL_ORDER = "interval_order";
  static final String DUPLICATE_KEY = "duplicate_key";
  static final String OVERLAPPING_INTERVAL = "overlapping_interval";
  static final String REJECT_SHARE = "reject_share";
  static final String PARAMETER_BOUNDS = "parameter_bounds";
  static final String POLICY_REJECTS = "policy_rejects";
  static final String ARRIVALS_PLAUSIBLE = "arrivals_plausible";

  private Checks() {}

  static String range(double min, double max) {
    if (max == Double.MAX_VALUE) {
      return "the allowed range (at least " + plain(min) + ")";
    }
    return "the allowed range " + plain(min) + ".." + plain(max);
  }

  static String plain(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
