package org.visawaiver.impact.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.visawaiver.impact.config.InputException;
import scala.Tuple2;

/**
 * Reads one input file into a {@link RawTable}, a Dataset in file order that is never gathered on
 * the driver: Parquet when the name ends in {@code .parquet} (file or folder), CSV otherwise
 * ({@link CsvFileReader}). File-level problems (missing file, missing required column, unreadable
 * encoding or syntax) throw {@link InputException}, exit status 2, before any row is checked.
 */
public final class InputReader {
  private InputReader() {}

  /**
   * @param csvSplitBytes CSV only: the size of the byte ranges parsed by one Spark task each
   *     ({@code data.csv-split-size})
   */
  public static RawTable read(SparkSession spark, DatasetSpec spec, Path file, long csvSplitBytes) {
    requireFile(spec, file);
    Dataset<Row> rows = InputFormat.of(file) == InputFormat.PARQUET
        ? readParquet(spark, spec, file)
        : CsvFileReader.read(spark, file, spec, csvSplitBytes);
    return new RawTable(spec, file.toString(), FileDigest.sha256(file), rows);
  }

  /**
   * Whether {@code file} is a CSV file of at most {@code maxBytes}, which {@link #readOnDriver}
   * may read (false for a missing file: {@link #read} names it).
   */
  public static boolean fitsDriver(Path file, long maxBytes) {
    try {
      return InputFormat.of(file) == InputFormat.CSV && Files.isRegularFile(file) && Files.size(file) <= maxBytes;
    } catch (java.io.IOException e) {
      return false;
    }
  }

  /**
   * A small CSV input read on the driver: the rows {@link #read} gives, in file order, parsed by the
   * same code, without a Spark job. For files that {@link #fitsDriver}.
   */
  public static DriverTable readOnDriver(DatasetSpec spec, Path file, long csvSplitBytes) {
    requireFile(spec, file);
    List<Row> rows = CsvFileReader.readOnDriver(file, spec, csvSplitBytes);
    return new DriverTable(spec, file.toString(), FileDigest.sha256(file), rows);
  }

  private static void requireFile(DatasetSpec spec, Path file) {
    if (!Files.exists(file)) {
      throw new InputException(
          file + ": " + spec.name() + " file not found; expected "
              + (InputFormat.of(file) == InputFormat.PARQUET ? "Parquet" : "a CSV file")
              + " with the columns " + String.join(", ", spec.required())
              + " (set data.dir with --data, or the file name in the data section); nothing was validated");
    }
  }

  /** The schema of every raw table of {@code spec}: line, raw, shape, then the spec's columns. */
  public static StructType schema(DatasetSpec spec) {
    List<StructField> fields = new ArrayList<>();
    fields.add(DataTypes.createStructField(RawTable.LINE, DataTypes.LongType, false));
    fields.add(DataTypes.createStructField(RawTable.RAW, DataTypes.StringType, true));
    fields.add(DataTypes.createStructField(RawTable.SHAPE, DataTypes.StringType, true));
    for (String c : spec.columns()) {
      fields.add(DataTypes.createStructField(c, DataTypes.StringType, true));
    }
    return DataTypes.createStructType(fields);
  }

  /**
   * Any failure while Spark reads the file (a truncated footer, a checksum error, part files whose
   * column types differ; Spark reports them lazily, as checked SparkExceptions, when the rows are
   * fetched) is bad input: exit status 2, naming the file and the root cause. So the rows are read
   * here, once, into a cache (memory and disk) that the caller releases with {@link RawTable#release}.
   */
  private static Dataset<Row> readParquet(SparkSession spark, DatasetSpec spec, Path file) {
    try {
      return readParquetRows(spark, spec, file);
    } catch (InputException e) {
      throw e;
    } catch (Exception e) {
      throw new InputException(
          file + ": not readable as Parquet (" + rootMessage(e) + "); expected a Parquet file, or a folder"
              + " of part files with the same column types, with the columns " + String.join(", ", spec.required())
              + "; rewrite it (or export CSV); nothing was validated", e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + t.getMessage();
    int newline = m.indexOf('\n');
    return newline < 0 ? m : m.substring(0, newline);
  }

  private static Dataset<Row> readParquetRows(SparkSession spark, DatasetSpec spec, Path file) {
    Dataset<Row> df = spark.read().parquet(file.toString());
    List<String> names = Arrays.stream(df.columns()).toList();
    ColumnCheck.rejectDuplicates(file.toString(), spec, names);
    List<String> lower = names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
    List<String> missing =
        spec.required().stream().filter(c -> !lower.contains(c)).toList();
    if (!missing.isEmpty()) {
      throw new InputException(ColumnCheck.missingMessage(file.toString(), spec, missing, names));
    }
    List<Column> cells = new ArrayList<>();
    cells.add(to_json(struct(names.stream().map(n -> col("`" + n + "`")).toArray(Column[]::new))).as(RawTable.RAW));
    cells.add(lit(null).cast(DataTypes.StringType).as(RawTable.SHAPE));
    for (String c : spec.columns()) {
      int i = lower.indexOf(c);
      if (i < 0) {
        cells.add(lit(null).cast(DataTypes.StringType).as(c));
      } else {
        Column text = trim(col("`" + names.get(i) + "`").cast(DataTypes.StringType));
        cells.add(when(text.equalTo(""), lit(null).cast(DataTypes.StringType)).otherwise(text).as(c));
      }
    }
    // Parquet has no lines: the row number (1-based, in the order of Spark's partitions) stands in.
    JavaRDD<Row> numbered = df.select(cells.toArray(Column[]::new)).javaRDD().zipWithIndex()
        .map(InputReader::numbered);
    Dataset<Row> rows = spark.createDataFrame(numbered, schema(spec)).persist(StorageLevel.MEMORY_AND_DISK());
    rows.count();
    return rows;
  }

  private static Row numbered(Tuple2<Row, Long> row) {
    Row r = row._1();
    Object[] values = new Object[r.size() + 1];
    values[0] = row._2() + 1;
    for (int j = 0; j < r.size(); j++) {
      values[j + 1] = r.get(j);
    }
    return RowFactory.create(values);
  }
}
