package org.visawaiver.impact.testing;

import com.holdenkarau.spark.testing.JavaDataFrameSuiteBase;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The one SparkSession of the whole test run: {@code local[2]}, UI off, few shuffle partitions. It
 * comes from spark-testing-base so that its DataFrame assertions work on the same session; it is
 * started on first use and stopped when the test JVM exits.
 */
public final class SharedSpark {
  private static final Suite SUITE = new Suite();
  private static boolean started;

  private SharedSpark() {}

  public static synchronized SparkSession spark() {
    if (!started) {
      SUITE.runBefore();
      started = true;
    }
    return SUITE.spark();
  }

  /** spark-testing-base's assertion: same schema and same rows in the same order. */
  public static void assertDataFrameEquals(Dataset<Row> expected, Dataset<Row> actual) {
    spark();
    SUITE.assertDataFrameEquals(expected, actual, SUITE.assertDataFrameEquals$default$3());
  }

  /** Same schema and rows, doubles equal within {@code tol}, rows in the same order. */
  public static void assertDataFrameApproximateEquals(
      Dataset<Row> expected, Dataset<Row> actual, double tol) {
    spark();
    SUITE.assertDataFrameApproximateEquals(expected, actual, tol);
  }

  /** Same rows in any order. */
  public static void assertDataFrameNoOrderEquals(Dataset<Row> expected, Dataset<Row> actual) {
    spark();
    SUITE.assertDataFrameNoOrderEquals(expected, actual);
  }

  private static final class Suite extends JavaDataFrameSuiteBase {
    @Override
    public SparkConf conf() {
      return new SparkConf()
          .setMaster("local[2]")
          .setAppName("visa-waiver-impact-tests")
          .set("spark.ui.enabled", "false")
          .set("spark.sql.shuffle.partitions", "4")
          .set("spark.sql.session.timeZone", "UTC")
          .set("spark.driver.host", "127.0.0.1")
          .set("spark.driver.bindAddress", "127.0.0.1");
    }
  }
}
