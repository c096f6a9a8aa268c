package org.visawaiver.impact.ingest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.visawaiver.impact.config.InputException;

/**
 * Reads a CSV input (UTF-8, optional byte-order mark, comma separator, RFC 4180 quoting, header
 * row) into rows of strings, keeping for every row the file line it starts on and its raw text, so
 * that rejects can point at them. The driver streams the file once ({@link CsvScanner}: encoding,
 * quoting, header, record-aligned byte ranges with their line numbers, constant memory); Spark
 * tasks parse the ranges in parallel ({@link CsvSplitReader}), one task per range. A file of any
 * size is read this way; no row passes through the driver.
 */
final class CsvFileReader {
  private CsvFileReader() {}

  /** Rows laid out as {@link RawTable} describes, one partition per range of {@code splitBytes}. */
  static Dataset<Row> read(SparkSession spark, Path file, DatasetSpec spec, long splitBytes) {
    CsvLayout layout = CsvScanner.scan(file, spec, splitBytes);
    CsvSplitReader reader = reader(file, spec, layout);
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    return spark.createDataFrame(
        jsc.parallelize(layout.splits(), Math.max(1, layout.splits().size())).flatMap(reader).rdd(),
        InputReader.schema(spec));
  }

  /**
   * The same rows as {@link #read}, parsed on the driver by the same reader, in file order: for
   * files small enough to hold in the driver's memory.
   */
  static List<Row> readOnDriver(Path file, DatasetSpec spec, long splitBytes) {
    CsvLayout layout = CsvScanner.scan(file, spec, splitBytes);
    CsvSplitReader reader = reader(file, spec, layout);
    List<Row> rows = new ArrayList<>();
    for (CsvSplit split : layout.splits()) {
      reader.rows(split).forEachRemaining(rows::add);
    }
    return rows;
  }

  /** The parser of {@code file}'s ranges; a required column missing from the header stops here. */
  static CsvSplitReader reader(Path file, DatasetSpec spec, CsvLayout layout) {
    return new CsvSplitReader(file.toAbsolutePath().toString(), columnIndex(file, spec, layout.header()),
        layout.header().size());
  }

  private static int[] columnIndex(Path file, DatasetSpec spec, List<String> header) {
    ColumnCheck.rejectDuplicates(file.toString(), spec, header);
    List<String> names = new ArrayList<>();
    for (String name : header) {
      names.add(name.trim().toLowerCase(Locale.ROOT));
    }
    List<String> columns = spec.columns();
    int[] index = new int[columns.size()];
    List<String> missing = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      index[i] = names.indexOf(columns.get(i));
      if (index[i] < 0 && i < spec.required().size()) {
        missing.add(columns.get(i));
      }
    }
    if (!missing.isEmpty()) {
      throw new InputException(ColumnCheck.missingMessage(file.toString(), spec, missing, header));
    }
    return index;
  }
}
