package org.visawaiver.impact.validate;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.types.StructType;
import org.visawaiver.impact.ingest.DatasetSpec;

/**
 * The row rules of one dataset: its columns, its accepted schema, and how one raw row becomes
 * typed values (or violations recorded in the {@link RowCells}).
 */
interface RowRules extends Serializable {
  DatasetSpec spec();

  StructType accepted();

  /** Values in the order of {@link #accepted()}; meaningful only when {@code cells.ok()}. */
  Object[] parse(RowCells cells);

  /** Every check these rules (and the dataset's set rules) can report, for the checks table. */
  List<String> checks();

  /** Columns that identify a row (duplicates rejected), or empty when duplicates are allowed. */
  List<String> key();

  /** Whether a file with a header and no rows is a valid input (advisories: no advisory at all). */
  default boolean mayBeEmpty() {
    return false;
  }
}
