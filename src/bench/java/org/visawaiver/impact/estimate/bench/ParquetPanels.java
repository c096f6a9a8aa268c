package org.visawaiver.impact.estimate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/** The benchmark's panel as Parquet: written once by the tasks, read back for the fit, deleted. */
final class ParquetPanels {
  private ParquetPanels() {}

  /** {@code --format csv|parquet}: true for parquet. */
  static boolean format(String name) {
    return switch (name) {
      case "parquet" -> true;
      case "csv" -> false;
      default -> throw new IllegalArgumentException("--format must be csv or parquet, found " + name);
    };
  }

  /** Partitions of the generated panel: at least the cores, at most about a million rows each. */
  static int partitions(long rows, int cores) {
    return (int) Math.max(cores, rows / 1_000_000 + 1);
  }

  /**
   * Writes {@code panel} (not cached: computed once, by the write) and returns it read back, one
   * partition per written file (about a million rows, {@link #partitions}): Spark would otherwise
   * pack the files into splits of up to 128 MB (4 partitions of 2.5 million rows at 1e7), and
   * under a serialized storage level every input partition becomes one estimation block.
   */
  static Dataset<Row> writeAndRead(SparkSession spark, Dataset<Row> panel, Path folder)
      throws IOException {
    panel.write().mode(SaveMode.Overwrite).parquet(folder.toString());
    return read(spark, folder);
  }

  /** A Parquet panel read back one partition per file. */
  static Dataset<Row> read(SparkSession spark, Path folder) throws IOException {
    long largest = 0;
    try (Stream<Path> files = Files.list(folder)) {
      for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".parquet")).toList()) {
        largest = Math.max(largest, Files.size(f));
      }
    }
    spark.conf().set("spark.sql.files.maxPartitionBytes", Math.max(1, largest));
    return spark.read().parquet(folder.toString());
  }

  static void delete(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
