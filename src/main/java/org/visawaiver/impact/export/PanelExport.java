package org.visawaiver.impact.export;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.visawaiver.impact.io.CsvTableWriter;
import org.visawaiver.impact.io.SpreadsheetCells;

/**
 * Writes the panel as Parquet under {@code OUT/panel/} and as one spreadsheet-safe CSV file
 * {@code OUT/panel.csv} (doubles with full precision, empty cell = null), and returns the panel
 * cached for the steps after it.
 */
public final class PanelExport {
  private PanelExport() {}

  public static Dataset<Row> write(Dataset<Row> panel, Path out) {
    Dataset<Row> cached = panel.cache();
    cached.write().mode(SaveMode.Overwrite).parquet(out.resolve("panel").toString());
    writeCsv(cached, out.resolve("panel.csv"));
    return cached;
  }

  static void writeCsv(Dataset<Row> table, Path file) {
    StructField[] fields = table.schema().fields();
    List<String> header = new ArrayList<>();
    for (StructField f : fields) {
      header.add(f.name());
    }
    // One partition, concatenated in order: one job, rows in the table's (sorted) order.
    Iterator<Row> rows = table.coalesce(1).toLocalIterator();
    CsvTableWriter.write(file, header, () -> new Iterator<>() {
      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public List<String> next() {
        Row r = rows.next();
        List<String> cells = new ArrayList<>(fields.length);
        for (int i = 0; i < fields.length; i++) {
          cells.add(cell(r, i, fields[i]));
        }
        return cells;
      }
    });
  }

  private static String cell(Row r, int i, StructField f) {
    if (r.isNullAt(i)) {
      return "";
    }
    if (f.dataType().equals(DataTypes.DoubleType)) {
      return SpreadsheetCells.exact(r.getDouble(i));
    }
    return SpreadsheetCells.text(String.valueOf(r.get(i)));
  }
}
