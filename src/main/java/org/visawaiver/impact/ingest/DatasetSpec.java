package org.visawaiver.impact.ingest;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The columns of one input dataset (CONTRACT.md, "Input datasets"): the ones a file must have and
 * the optional ones it may have. Other columns are kept in the raw row and otherwise ignored.
 *
 * @param name the dataset name, e.g. {@code arrivals}; also the name of its rejects file
 * @param required columns the header must contain
 * @param optional columns read when present, null when absent
 */
public record DatasetSpec(String name, List<String> required, List<String> optional)
    implements Serializable {
  public DatasetSpec {
    required = List.copyOf(required);
    optional = List.copyOf(optional);
  }

  /** Required columns, then optional ones: the string columns of a {@link RawTable}. */
  public List<String> columns() {
    List<String> all = new ArrayList<>(required);
    all.addAll(optional);
    return all;
  }
}
