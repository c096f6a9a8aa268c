package org.visawaiver.impact.spark;

import com.typesafe.config.Config;
import java.util.Map;
import org.apache.spark.SparkConf;
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
    return SparkSession.builder().config(sparkConf(spark, redaction)).getOrCreate();
  }

  /** The SparkConf of the job: app name, master, and every passthrough setting. */
  public static SparkConf sparkConf(Config spark, Redaction redaction) {
    SparkConf conf = new SparkConf(false)
        .setAppName(spark.getString("app-name"))
        .setMaster(spark.getString("master"));
    for (Map.Entry<String, com.typesafe.config.ConfigValue> e : spark.getConfig("conf").entrySet()) {
      // Keys are quoted in HOCON ("spark.ui.enabled"), so entrySet returns them with quotes.
      String key = e.getKey().replace("\"", "");
      conf.set(key, String.valueOf(e.getValue().unwrapped()));
    }
    if (!conf.contains("spark.redaction.regex")) {
      conf.set("spark.redaction.regex", redaction.keyPattern());
    }
    return conf;
  }
}
