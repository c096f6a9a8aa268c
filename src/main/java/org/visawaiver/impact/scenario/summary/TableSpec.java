package org.visawaiver.impact.scenario.summary;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.visawaiver.impact.io.TableColumn;
import org.visawaiver.impact.io.TypedTable;

/**
 * The columns of one output table of rows {@code R}: names in a fixed order, rounding, the text of
 * the workbook's {@code columns} sheet and how each cell is read from a row. Built once, then
 * immutable.
 */
public final class TableSpec<R> {
  private record Col<R>(TableColumn column, Function<R, Object> value) {}

  private final List<Col<R>> cols = new ArrayList<>();
  private boolean built;

  /** A text column. */
  public TableSpec<R> text(String name, String description, Function<R, Object> value) {
    return add(new Col<>(TableColumn.text(name, description), value));
  }

  /** A number column rounded to {@code decimals} places. */
  public TableSpec<R> number(String name, int decimals, String description, Function<R, Object> value) {
    return add(new Col<>(TableColumn.number(name, decimals, description), value));
  }

  /** The {@code _p10}, {@code _p50}, {@code _p90} columns of a quantity. */
  public TableSpec<R> quantiles(String stem, int decimals, String description, Function<R, double[]> value) {
    String[] suffix = {"_p10", "_p50", "_p90"};
    String[] which = {"10th", "50th (median)", "90th"};
    for (int q = 0; q < 3; q++) {
      int i = q;
      number(stem + suffix[q], decimals, which[q] + " percentile over the Monte Carlo draws of " + description,
          r -> value.apply(r)[i]);
    }
    return this;
  }

  /** Freezes the column list. */
  public TableSpec<R> build() {
    built = true;
    return this;
  }

  public List<String> header() {
    return cols.stream().map(c -> c.column().name()).toList();
  }

  /** The typed table of {@code rows}. */
  public TypedTable table(String name, List<R> rows) {
    List<Object[]> cells = new ArrayList<>(rows.size());
    for (R r : rows) {
      Object[] row = new Object[cols.size()];
      for (int c = 0; c < row.length; c++) {
        row[c] = cols.get(c).value().apply(r);
      }
      cells.add(row);
    }
    return new TypedTable(name, cols.stream().map(Col::column).toList(), cells);
  }

  private TableSpec<R> add(Col<R> c) {
    if (built) {
      throw new IllegalStateException("columns are fixed once built");
    }
    cols.add(c);
    return this;
  }
}
