package org.visawaiver.impact.io;

import java.util.ArrayList;
import java.util.List;

/**
 * A small table with typed columns, written both as CSV ({@link CsvTableWriter}) and as a workbook
 * sheet ({@link XlsxWorkbookWriter}) from the same values, so the two never disagree.
 *
 * @param name the sheet name (also a label in messages)
 * @param columns the columns in output order
 * @param rows the cells, aligned with {@code columns}: String for text columns, Number (or null =
 *     empty cell) for number columns
 */
public record TypedTable(String name, List<TableColumn> columns, List<Object[]> rows) {
  public TypedTable {
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
    for (Object[] row : rows) {
      if (row.length != columns.size()) {
        throw new IllegalArgumentException(
            name + ": a row has " + row.length + " cells for " + columns.size() + " columns");
      }
    }
  }

  public List<String> header() {
    return columns.stream().map(TableColumn::name).toList();
  }

  /** The rows formatted for CSV: spreadsheet-safe text, plain rounded numbers. */
  public List<List<String>> csvRows() {
    List<List<String>> out = new ArrayList<>(rows.size());
    for (Object[] row : rows) {
      List<String> cells = new ArrayList<>(row.length);
      for (int c = 0; c < row.length; c++) {
        cells.add(columns.get(c).csvCell(row[c]));
      }
      out.add(cells);
    }
    return out;
  }

  /** Writes the table as one CSV file (atomically). */
  public void writeCsv(java.nio.file.Path file) {
    CsvTableWriter.write(file, header(), csvRows());
  }
}
