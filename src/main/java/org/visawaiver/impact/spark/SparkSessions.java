package org.visawaiver.impact.spark;

import com.typesafe.config.Config;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.visawaiver.impact.config.Redaction;

/** Builds the job's SparkSession from the {@code spark} configuration section. */
public final class SparkSessions {
  private SparkSessions() {}

  public static SparkSession create(Config spark) {
    return create(spark, Redaction.sparkDefault());
  }

  /**
   * Every {@code spark.conf} entry goes to the SparkConf as is (the passthrough of
   * {@link org.visawaiver.impact.config.ConfigKeys}); {@code spark.redaction.regex} is set to the
   * job's own redaction pattern unless given, so Spark's logs hide the same keys as the manifest.
   */
  public static SparkSession create(Config spark, Redaction redaction) {
    SparkSession.Builder builder =
        SparkSession.builder()
            .appName(spark.getString("app-name"))
            .master(spark.getString("master"));
    for (Map.Entry<String, com.typesafe.config.ConfigValue> e : spark.getConfig("conf").entrySet()) {
      // Keys are quoted in HOCON ("spark.ui.enabled"), so entrySet returns them with quotes.
      String key = e.getKey().replace("\"", "");
      builder.config(key, String.valueOf(e.getValue().unwrapped()));
    }
    if (!spark.hasPath("conf.\"spark.redaction.regex\"")) {
      builder.config("spark.redaction.regex", redaction.keyPattern());
    }
    return builder.getOrCreate();
  }
}
