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
 * set rules, writes {@code OUT/rejects/<dataset>.csv} and {@code OUT/validation_checks.csv}, and
 * returns the accepted rows typed as in {@link AcceptedSchemas}. It does not stop on many rejects:
 * {@link #enforceRejectShare} does, after the caller has recorded the reports in the manifest.
 */
public final class InputValidation {
  /** Configuration key of the largest share of rejected rows per dataset. */
  public static final String MAX_REJECT_SHARE = "max-reject-share";

  private InputValidation() {}

  public static ValidatedInputs run(SparkSession spark, JobConfig config, Path out, boolean withParameters) {
    double limit = maxRejectShare(config);
    List<DatasetReport> reports = new ArrayList<>();
    List<CheckResult> checks = new ArrayList<>();
    List<Dataset<Row>> accepted = new ArrayList<>();
    for (RowRules rules : DatasetRules.inputs(withParameters)) {
      String key = rules.spec().name().replace('_', '-');
      Path file = config.dataDir().resolve(config.section("data").getString(key));
      DatasetValidation.Outcome o = DatasetValidation.validate(spark, rules, file, out);
      reports.add(o.report());
      checks.addAll(o.checks());
      checks.add(shareCheck(o.report(), limit));
      accepted.add(o.accepted());
    }
    CsvTableWriter.write(out.resolve("validation_checks.csv"), CheckResult.HEADER,
        checks.stream().map(CheckResult::cells).toList());
    return new ValidatedInputs(accepted.get(0), accepted.get(1), accepted.get(2),
        withParameters ? Optional.of(accepted.get(3)) : Optional.empty(), List.copyOf(reports));
  }

  /**
   * Stops the run (exit status 2) when a dataset's share of rejected rows is above
   * {@code validate.max-reject-share}. Call it after the reports are in the manifest.
   */
  public static void enforceRejectShare(List<DatasetReport> reports, JobConfig config) {
    double limit = maxRejectShare(config);
    List<String> over = new ArrayList<>();
    for (DatasetReport r : reports) {
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

  private static double maxRejectShare(JobConfig config) {
    double limit;
    try {
      limit = config.section("validate").getDouble(MAX_REJECT_SHARE);
    } catch (com.typesafe.config.ConfigException e) {
      throw new InputException("configuration: validate." + MAX_REJECT_SHARE + ": " + e.getMessage()
          + "; expected a share between 0 and 1, e.g. 0.01; nothing was run", e);
    }
    if (!(limit >= 0 && limit <= 1)) {
      throw new InputException("configuration: validate." + MAX_REJECT_SHARE + " = " + limit
          + " is not a share between 0 and 1 (e.g. 0.01); nothing was run");
    }
    return limit;
  }
}
