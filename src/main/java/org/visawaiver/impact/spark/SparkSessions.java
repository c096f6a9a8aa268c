package org.visawaiver.impact.spark;

import com.typesafe.config.Config;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/** Builds the job's SparkSession from the {@code spark} configuration section. */
public final class SparkSessions {
  private SparkSessions() {}

  public static SparkSession create(Config spark) {
    SparkSession.Builder builder =
        SparkSession.builder()
            .appName(spark.getString("app-name"))
            .master(spark.getString("master"));
    for (Map.Entry<String, com.typesafe.config.ConfigValue> e : spark.getConfig("conf").entrySet()) {
      // Keys are quoted in HOCON ("spark.ui.enabled"), so entrySet returns them with quotes.
      String key = e.getKey().replace("\"", "");
      builder.config(key, String.valueOf(e.getValue().unwrapped()));
    }
    return builder.getOrCreate();
  }
}
