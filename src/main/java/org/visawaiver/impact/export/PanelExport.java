package org.visawaiver.impact.export;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.visawaiver.impact.io.CsvTableWriter;
import org.visawaiver.impact.spark.CachedTable;
import org.visawaiver.impact.io.SpreadsheetCells;

/**
 * Writes the panel as Parquet under {@code OUT/panel/} and as one spreadsheet-safe CSV file
 * {@code OUT/panel.csv} (doubles with full precision, empty cell = null), both by the Spark tasks,
 * and returns the panel cached for the steps after it, behind a plan that scans the cache and
 * nothing else ({@link CachedTable}).
 */
public final class PanelExport {
  private PanelExport() {}

  public static Dataset<Row> write(Dataset<Row> panel, Path out) {
    Dataset<Row> cached = panel.cache();
    cached.write().mode(SaveMode.Overwrite).parquet(out.resolve("panel").toString());
    writeCsv(cached, out.resolve("panel.csv"));
    return CachedTable.shortPlan(cached);
  }

  /**
   * The table's rows in its partition order (sorted, for the panel): each Spark task formats and
   * writes its partition as a part file beside {@code file}, then the driver joins the parts behind
   * the header by copying bytes; no row passes through the driver.
   */
  static void writeCsv(Dataset<Row> table, Path file) {
    StructField[] fields = table.schema().fields();
    List<String> header = new ArrayList<>();
    for (StructField f : fields) {
      header.add(f.name());
    }
    Path parts = file.toAbsolutePath().resolveSibling("." + file.getFileName() + ".parts");
    int partitions = table.javaRDD().getNumPartitions();
    table.javaRDD().mapPartitionsWithIndex(new PartWriter(parts.toString(), fields), true).count();
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < partitions; i++) {
      files.add(parts.resolve(PartWriter.name(i)));
    }
    CsvTableWriter.concatenate(file, header, files);
    try (java.util.stream.Stream<Path> written = java.nio.file.Files.list(parts)) {
      for (Path p : written.toList()) {
        java.nio.file.Files.delete(p);
      }
      java.nio.file.Files.delete(parts);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("could not remove " + parts, e);
    }
  }

  /** Writes one partition as part file {@code part-NNNNN.csv}, cells as {@link #cell} formats them. */
  private record PartWriter(String folder, StructField[] fields)
      implements Function2<Integer, Iterator<Row>, Iterator<Object>> {
    static String name(int partition) {
      return String.format(java.util.Locale.ROOT, "part-%05d.csv", partition);
    }

    @Override
    public Iterator<Object> call(Integer partition, Iterator<Row> rows) {
      CsvTableWriter.writePart(Path.of(folder, name(partition)), fields.length,
          CsvTableWriter.rows(rows, r -> {
            List<String> cells = new ArrayList<>(fields.length);
            for (int i = 0; i < fields.length; i++) {
              cells.add(cell(r, i, fields[i]));
            }
            return cells;
          }));
      return java.util.Collections.emptyIterator();
    }
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
