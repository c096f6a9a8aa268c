package org.visawaiver.impact.validate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.visawaiver.impact.config.InputException;
import org.visawaiver.impact.config.JobConfig;
import org.visawaiver.impact.io.CsvTableWriter;

/**
 * The validation step: reads every input named in the {@code data} section, applies the row and
 * set rules, writes {@code OUT/rejects/<dataset>.csv}, {@code OUT/validation_checks.csv} and
 * {@code OUT/validation_summary.csv}, and
 * returns the accepted rows typed as in {@link AcceptedSchemas}. It does not stop on many rejects:
 * {@link #enforceRejectLimits} does, after the caller has recorded the reports in the manifest.
 */
public final class InputValidation {
  /** Configuration key of the largest share of rejected rows per dataset. */
  public static final String MAX_REJECT_SHARE = "max-reject-share";
  /** Configuration key of the most visa_policy rows that may be rejected. */
  public static final String MAX_POLICY_REJECTS = "max-policy-rejects";
  private static final String POLICY = "visa_policy";
  /** Configuration key (data section) of the byte ranges a CSV input is parsed in, one task each. */
  public static final String CSV_SPLIT_SIZE = "csv-split-size";

  /** Configuration key (validate section) of the largest CSV file validated on the driver. */
  public static final String DRIVER_MAX_SIZE = "driver-max-size";

  /** Rows read, accepted and rejected per input, as in the manifest (read by the report). */
  public static final String SUMMARY_FILE = "validation_summary.csv";

  private InputValidation() {}

  public static ValidatedInputs run(SparkSession spark, JobConfig config, Path out, boolean withParameters) {
    double limit = maxRejectShare(config);
    List<DatasetReport> reports = new ArrayList<>();
    List<CheckResult> checks = new ArrayList<>();
    List<Dataset<Row>> accepted = new ArrayList<>();
    for (RowRules rules : DatasetRules.inputs(withParameters)) {
      String key = rules.spec().name().replace('_', '-');
      Path file = config.dataDir().resolve(config.section("data").getString(key));
      DatasetValidation.Outcome o =
          DatasetValidation.validate(spark, rules, file, out, plausibility(config), csvSplitBytes(config),
              driverMaxBytes(config));
      reports.add(o.report());
      checks.addAll(o.checks());
      checks.add(shareCheck(o.report(), limit));
      if (o.report().dataset().equals(POLICY)) {
        checks.add(policyCheck(o.report(), maxPolicyRejects(config)));
      }
      accepted.add(o.accepted());
    }
    CsvTableWriter.write(out.resolve("validation_checks.csv"), CheckResult.HEADER,
        checks.stream().map(CheckResult::cells).toList());
    CsvTableWriter.write(out.resolve(SUMMARY_FILE), DatasetReport.HEADER,
        reports.stream().map(DatasetReport::cells).toList());
    return new ValidatedInputs(accepted.get(0), accepted.get(1), accepted.get(2),
        withParameters ? Optional.of(accepted.get(3)) : Optional.empty(), List.copyOf(reports));
  }

  /**
   * Stops the run (exit status 2) when a dataset's share of rejected rows is above
   * {@code validate.max-reject-share}, or more visa_policy rows were rejected than
   * {@code validate.max-policy-rejects}. Call it after the reports are in the manifest.
   */
  public static void enforceRejectLimits(List<DatasetReport> reports, JobConfig config) {
    double limit = maxRejectShare(config);
    long policyLimit = maxPolicyRejects(config);
    List<String> over = new ArrayList<>();
    for (DatasetReport r : reports) {
      if (r.dataset().equals(POLICY) && !policyCheck(r, policyLimit).passed()) {
        throw new InputException(r.file() + ": " + r.rowsRejected() + " of " + r.rowsRead()
            + " visa_policy rows rejected, more than validate." + MAX_POLICY_REJECTS + " = " + policyLimit
            + "; each policy row sets the regime of a pair for every month it covers, so a lost row turns"
            + " those panel rows into visa_required; the reasons are in rejects/visa_policy.csv; fix the"
            + " rows (or raise the limit with --set validate." + MAX_POLICY_REJECTS + "=N to go on)");
      }
      if (!shareCheck(r, limit).passed()) {
        over.add(String.format(java.util.Locale.ROOT, "%s: %d of %d rows rejected (%.2f%%)",
            r.file(), r.rowsRejected(), r.rowsRead(), 100 * r.rejectedShare()));
      }
    }
    if (!over.isEmpty()) {
      throw new InputException(String.join("; ", over) + "; above validate.max-reject-share = " + limit
          + "; the reasons are in rejects/<dataset>.csv; the run stopped so that no results are built "
          + "on a broken input (raise the limit with --set validate.max-reject-share=... to go on)");
    }
  }

  static CheckResult shareCheck(DatasetReport r, double limit) {
    boolean ok = r.rejectedShare() <= limit;
    return new CheckResult(r.dataset(), Checks.REJECT_SHARE, "error", ok ? "passed" : "failed", r.rowsRead(),
        r.rowsRejected(),
        String.format(java.util.Locale.ROOT, "rejected share %.6f %s limit %s", r.rejectedShare(),
            ok ? "<=" : ">", limit) + (ok ? "" : "; the run stops"));
  }

  static CheckResult policyCheck(DatasetReport r, long limit) {
    boolean ok = r.rowsRejected() <= limit;
    return new CheckResult(r.dataset(), Checks.POLICY_REJECTS, "error", ok ? "passed" : "failed", r.rowsRead(),
        r.rowsRejected(), r.rowsRejected() + " row(s) rejected " + (ok ? "<=" : ">") + " limit " + limit
            + (ok ? "" : "; the run stops"));
  }

  private static long maxPolicyRejects(JobConfig config) {
    return (long) setting(config, MAX_POLICY_REJECTS, true, v -> v >= 0, "a whole number of rows, e.g. 0");
  }

  private static Plausibility plausibility(JobConfig config) {
    return new Plausibility(setting(config, Plausibility.KEY, false, v -> v == 0 || (v >= 1 && v < Double.POSITIVE_INFINITY),
        "0 (no check) or a multiple of the series median of at least 1, e.g. 100"));
  }

  private static long csvSplitBytes(JobConfig config) {
    return size(config, "data", CSV_SPLIT_SIZE, 1, "at least 1 byte", "64 MiB");
  }

  /** validate.driver-max-size: CSV files up to this size are validated on the driver (0 = none). */
  private static long driverMaxBytes(JobConfig config) {
    return size(config, "validate", DRIVER_MAX_SIZE, 0, "0 (every file in Spark) or more", "16 MiB");
  }

  /** A size in bytes of the configuration, checked; a bad one stops before anything runs (exit 2). */
  private static long size(JobConfig config, String section, String key, long least, String range,
      String example) {
    try {
      long bytes = config.section(section).getBytes(key);
      if (bytes >= least) {
        return bytes;
      }
    } catch (com.typesafe.config.ConfigException e) {
      throw new InputException("configuration: " + section + "." + key + ": " + e.getMessage()
          + "; expected a size such as " + example + "; nothing was run", e);
    }
    throw new InputException("configuration: " + section + "." + key + " must be " + range + ", e.g. " + example
        + "; nothing was run");
  }

  private static double maxRejectShare(JobConfig config) {
    return setting(config, MAX_REJECT_SHARE, false, v -> v >= 0 && v <= 1, "a share between 0 and 1, e.g. 0.01");
  }

  /** A number of the validate section, checked; a bad one stops before anything runs (exit 2). */
  private static double setting(JobConfig config, String key, boolean whole,
      java.util.function.DoublePredicate valid, String expected) {
    double v;
    try {
      com.typesafe.config.Config section = config.section("validate");
      v = whole ? section.getLong(key) : section.getDouble(key);
    } catch (com.typesafe.config.ConfigException e) {
      throw new InputException("configuration: validate." + key + ": " + e.getMessage() + "; expected "
          + expected + "; nothing was run", e);
    }
    if (!valid.test(v)) {
      throw new InputException("configuration: validate." + key + " = " + Checks.plain(v) + " is not "
          + expected + "; nothing was run");
    }
    return v;
  }
}
