package org.visawaiver.impact.estimate.frame;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.catalyst.InternalRow;
import org.visawaiver.impact.estimate.spec.EstimationException;

/**
 * The rules that drop a panel row before its keys are numbered, the only implementation of them
 * (both level-numbering paths read the rows through {@link RawBlock}): a missing (null or NaN)
 * outcome; else a missing regressor or a null key column; else, for OLS (which models the log of
 * the outcome), an outcome <= 0. A negative outcome is an error for every estimator (counted
 * here, refused by {@link #dropped}). Rows are laid out as y, x_1..x_k, then the key columns.
 * Singletons and separation, which need the whole sample, are {@link ObservationFilter}'s.
 */
final class DropRules implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Indices of the counts: a missing outcome, else a missing regressor or key. */
  static final int MISSING_OUTCOME = 0;
  static final int MISSING_REGRESSOR = 1;
  /** Complete rows with an outcome <= 0 (dropped for OLS only), and those < 0 (an error). */
  static final int NON_POSITIVE_OUTCOME = 2;
  static final int NEGATIVE_OUTCOME = 3;
  static final int COUNTS = 4;

  private final int k;
  private final int keyColumns;
  private final boolean log;

  /**
   * @param k regressor columns
   * @param keyColumns key columns after them
   * @param log the model is of the log of the outcome (OLS): outcomes <= 0 are dropped
   */
  DropRules(int k, int keyColumns, boolean log) {
    this.k = k;
    this.keyColumns = keyColumns;
    this.log = log;
  }

  /** Counts the row's reasons into {@code counts}; true when the row is kept. */
  boolean keep(InternalRow r, long[] counts) {
    if (missing(r, 0)) {
      counts[MISSING_OUTCOME]++;
      return false;
    }
    for (int t = 0; t < k; t++) {
      if (missing(r, 1 + t)) {
        counts[MISSING_REGRESSOR]++;
        return false;
      }
    }
    for (int c = 0; c < keyColumns; c++) {
      if (r.isNullAt(1 + k + c)) {
        counts[MISSING_REGRESSOR]++;
        return false;
      }
    }
    double v = r.getDouble(0);
    if (v <= 0) {
      counts[NON_POSITIVE_OUTCOME]++;
      if (v < 0) {
        counts[NEGATIVE_OUTCOME]++;
      }
      return !log;
    }
    return true;
  }

  /** The outcome as modelled, of a kept row: its log for OLS. */
  double outcome(InternalRow r) {
    double v = r.getDouble(0);
    // StrictMath: the function Spark's log uses, so the values are those of SQL's log(y).
    return log ? StrictMath.log(v) : v;
  }

  private static boolean missing(InternalRow r, int i) {
    return r.isNullAt(i) || Double.isNaN(r.getDouble(i));
  }

  /**
   * The rows dropped, by reason name, from the summed counts; refuses a negative outcome.
   *
   * @throws EstimationException when an outcome is negative
   */
  Map<String, Long> dropped(long[] counts, String where, String outcome) {
    long negative = counts[NEGATIVE_OUTCOME];
    if (negative > 0) {
      throw new EstimationException(where + ": outcome " + outcome + " is negative in "
          + negative + " rows; counts must be >= 0; nothing was estimated");
    }
    Map<String, Long> dropped = new LinkedHashMap<>();
    dropped.put(ModelFrameBuilder.MISSING_OUTCOME, counts[MISSING_OUTCOME]);
    dropped.put(ModelFrameBuilder.MISSING_REGRESSOR, counts[MISSING_REGRESSOR]);
    if (log) {
      dropped.put(ModelFrameBuilder.ZERO_OUTCOME_FOR_LOG, counts[NON_POSITIVE_OUTCOME]);
    }
    return dropped;
  }
}
