package org.visawaiver.impact.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * Writes typed tables as one xlsx workbook (fastexcel, streaming): a sheet per table with a bold,
 * frozen header row, numbers as numeric cells rounded like the CSV files, text made spreadsheet-safe
 * like the CSV files, and a last sheet {@code columns} that describes every column of every table.
 * The file appears atomically.
 */
public final class XlsxWorkbookWriter {
  /** The sheet that describes the columns of the other sheets. */
  public static final String COLUMNS_SHEET = "columns";

  private XlsxWorkbookWriter() {}

  public static void write(Path file, List<TypedTable> tables) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
      try (OutputStream os = Files.newOutputStream(tmp)) {
        // fastexcel wants a version of the form major.minor
        Workbook wb = new Workbook(os, "visa-waiver-impact", "0.1");
        for (TypedTable table : tables) {
          writeSheet(wb.newWorksheet(table.name()), table);
        }
        writeSheet(wb.newWorksheet(COLUMNS_SHEET), describe(tables));
        wb.finish();
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file, e);
    }
  }

  /** One row per (sheet, column): name, type, rounding and meaning. */
  static TypedTable describe(List<TypedTable> tables) {
    List<TableColumn> cols =
        List.of(
            TableColumn.text("sheet", "the sheet (and CSV file) the column belongs to"),
            TableColumn.text("column", "the column header"),
            TableColumn.text("type", "text, or number rounded to the given places"),
            TableColumn.text("description", "meaning, formula and source"));
    List<Object[]> rows = new ArrayList<>();
    for (TypedTable t : tables) {
      for (TableColumn c : t.columns()) {
        String type = c.isText() ? "text" : c.decimals() == 0 ? "number (whole)" : "number (" + c.decimals() + " decimals)";
        rows.add(new Object[] {t.name(), c.name(), type, c.description()});
      }
    }
    return new TypedTable(COLUMNS_SHEET, cols, rows);
  }

  private static void writeSheet(Worksheet ws, TypedTable table) throws IOException {
    List<TableColumn> cols = table.columns();
    for (int c = 0; c < cols.size(); c++) {
      ws.value(0, c, cols.get(c).name());
    }
    ws.range(0, 0, 0, cols.size() - 1).style().bold().set();
    ws.freezePane(0, 1);
    int r = 1;
    for (Object[] row : table.rows()) {
      for (int c = 0; c < cols.size(); c++) {
        Object v = row[c];
        if (v == null) {
          continue;
        }
        TableColumn col = cols.get(c);
        if (col.isText()) {
          ws.value(r, c, SpreadsheetCells.text(v.toString()));
        } else {
          Double d = col.rounded(v);
          if (d != null) {
            ws.value(r, c, d);
          }
        }
      }
      r++;
      if (r % 10_000 == 0) {
        ws.flush(); // streaming: keep memory flat for long sheets
      }
    }
    ws.finish();
  }
}
