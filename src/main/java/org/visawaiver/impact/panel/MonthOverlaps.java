package org.visawaiver.impact.panel;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.dayofmonth;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.last_day;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;

import java.sql.Date;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Splits date intervals ({@code effective_from}, {@code effective_to} inclusive, null = open) into
 * the calendar months they touch, one row per interval and month, never one per day. Intervals are
 * first clipped to [{@code first}, {@code last}] (the months of the panel), so that an open-ended
 * or very old interval costs no more than the panel's months.
 *
 * <p>Added columns: {@value #MONTH} ({@code YYYY-MM}), {@value #FIRST_DAY} and {@value #LAST_DAY}
 * (day of month of the covered stretch, 1-based, inclusive), {@value #DAYS} (days covered).
 */
final class MonthOverlaps {
  static final String MONTH = "_month";
  static final String FIRST_DAY = "_first_day";
  static final String LAST_DAY = "_last_day";
  static final String DAYS = "_days_covered";

  private MonthOverlaps() {}

  static Dataset<Row> explode(Dataset<Row> intervals, Date first, Date last) {
    return intervals
        .withColumn("_s", greatest(col("effective_from"), lit(first)))
        .withColumn("_e", least(coalesce(col("effective_to"), lit(last)), lit(last)))
        .filter(col("_s").leq(col("_e")))
        .withColumn("_ms", expr("explode(sequence(trunc(_s, 'MM'), trunc(_e, 'MM'), interval 1 month))"))
        .withColumn("_seg_s", greatest(col("_s"), col("_ms")))
        .withColumn("_seg_e", least(col("_e"), last_day(col("_ms"))))
        .withColumn(MONTH, date_format(col("_ms"), "yyyy-MM"))
        .withColumn(FIRST_DAY, dayofmonth(col("_seg_s")))
        .withColumn(LAST_DAY, dayofmonth(col("_seg_e")))
        .withColumn(DAYS, datediff(col("_seg_e"), col("_seg_s")).plus(1))
        .drop("_s", "_e", "_ms", "_seg_s", "_seg_e");
  }
}
