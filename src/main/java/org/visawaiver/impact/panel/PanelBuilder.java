package org.visawaiver.impact.panel;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.dayofmonth;
import static org.apache.spark.sql.functions.last_day;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.visawaiver.impact.config.JobConfig;
import org.visawaiver.impact.validate.ValidatedInputs;
import org.visawaiver.impact.domain.PanelColumns;
import org.visawaiver.impact.domain.ReferenceStay;

/**
 * The monthly panel (CONTRACT.md, "The panel"): one row per arrivals row, with the calendar-day
 * weighted means over the month's D days of
 * <ul>
 *   <li>{@code waiver_share} = visa-free days / D;
 *   <li>{@code stay_log} = sum over visa-free days of ln(max_stay_days / 30) / D;
 *   <li>{@code visa_fee_usd} = sum over days of the fee in force / D; a day without a visa_policy
 *       row is visa_required with {@code panel.default-fee-usd} (or the destination's override), and
 *       a row without fee_usd pays 0 when visa_free, the default fee otherwise;
 *   <li>{@code advisory_level} = sum over days of the highest level in force from issuer = origin
 *       about the destination (any region), 0 on days without one, / D (v1 meaning, kept);
 *   <li>{@code evisa_share}, {@code voa_share} = days under {@code evisa} / {@code visa_on_arrival}
 *       / D (v2; the rest of the month after the three shares is visa_required);
 *   <li>{@code advisory_national_level}, {@code advisory_regional_level} = as advisory_level,
 *       counting only advisories without a region / only advisories for a region (v2).
 * </ul>
 * Intervals are split into the months they touch with their day counts (never one row per day).
 * The per-month policy and advisory tables (at most one row per pair and month, usually far
 * fewer) are broadcast to the arrivals, which are not shuffled before the final sort. The rows end
 * sorted by (destination, origin, month) in partitions laid out by {@link PanelLayout}.
 */
public final class PanelBuilder {
  /** The panel's columns, in order. */
  public static final List<String> COLUMNS = PanelColumns.ALL;

  private static final String DAYS_IN_MONTH = "_days_in_month";

  private PanelBuilder() {}

  public static Dataset<Row> build(ValidatedInputs inputs, JobConfig config) {
    return build(inputs, PanelSettings.from(config.section("panel")));
  }

  public static Dataset<Row> build(ValidatedInputs inputs, PanelSettings settings) {
    Dataset<Row> arrivals = withinWindow(inputs.arrivals(), settings)
        .withColumn("_month_start", to_date(concat(col("month"), lit("-01"))))
        .withColumn(DAYS_IN_MONTH, dayofmonth(last_day(col("_month_start"))));
    // One small job: the rows of every (destination, origin) pair (for the layout) and the
    // first and last day of the data (for the month tables).
    List<PanelLayout.Pair> pairs = new ArrayList<>();
    Date first = null;
    Date last = null;
    for (Row r : arrivals.groupBy("destination", "origin")
        .agg(count(lit(1)), min("_month_start"), max(last_day(col("_month_start"))))
        .collectAsList()) {
      pairs.add(new PanelLayout.Pair(r.getString(0), r.getString(1), r.getLong(2)));
      if (!r.isNullAt(3)) {
        first = first == null || r.getDate(3).before(first) ? r.getDate(3) : first;
        last = last == null || r.getDate(4).after(last) ? r.getDate(4) : last;
      }
    }
    first = first == null ? Date.valueOf("2000-01-01") : first;
    last = last == null ? Date.valueOf("2000-01-31") : last;

    Column defaultFee = defaultFee(settings);
    Dataset<Row> joined =
        arrivals
            .join(broadcast(policyDays(inputs.visaPolicy(), first, last, defaultFee)),
                arrivals.col("destination").equalTo(col("p_destination"))
                    .and(arrivals.col("origin").equalTo(col("p_origin")))
                    .and(arrivals.col("month").equalTo(col("p_month"))), "left")
            .join(broadcast(advisoryDays(inputs.advisories(), first, last)),
                arrivals.col("destination").equalTo(col("a_destination"))
                    .and(arrivals.col("origin").equalTo(col("a_issuer")))
                    .and(arrivals.col("month").equalTo(col("a_month"))), "left");
    Column days = col(DAYS_IN_MONTH).cast(DataTypes.DoubleType);
    Column uncovered = days.minus(coalesce(col("covered_days"), lit(0)));
    Dataset<Row> panel = joined
        .select(
            col("destination"), col("origin"), col("month"), col("arrivals"), col("source"),
            coalesce(col("free_days"), lit(0)).divide(days).as("waiver_share"),
            coalesce(col("stay_log_days"), lit(0.0)).divide(days).as("stay_log"),
            coalesce(col("fee_days"), lit(0.0)).plus(uncovered.multiply(defaultFee)).divide(days).as("visa_fee_usd"),
            coalesce(col("level_days"), lit(0.0)).divide(days).as("advisory_level"),
            coalesce(col("evisa_days"), lit(0)).divide(days).as("evisa_share"),
            coalesce(col("voa_days"), lit(0)).divide(days).as("voa_share"),
            coalesce(col("national_level_days"), lit(0.0)).divide(days).as("advisory_national_level"),
            coalesce(col("regional_level_days"), lit(0.0)).divide(days).as("advisory_regional_level"));
    int partitions = Integer.parseInt(joined.sparkSession().conf().get("spark.sql.shuffle.partitions"));
    return PanelLayout.sorted(panel, pairs, partitions);
  }

  private static Dataset<Row> withinWindow(Dataset<Row> arrivals, PanelSettings s) {
    Dataset<Row> out = arrivals;
    if (!s.startMonth().isEmpty()) {
      out = out.filter(col("month").geq(lit(s.startMonth())));
    }
    if (!s.endMonth().isEmpty()) {
      out = out.filter(col("month").leq(lit(s.endMonth())));
    }
    return out;
  }

  /** The default fee of a destination as a column: its override, else panel.default-fee-usd. */
  private static Column defaultFee(PanelSettings s) {
    Column fee = lit(s.defaultFeeUsd());
    for (Map.Entry<String, Double> e : s.feeByDestination().entrySet()) {
      fee = when(col("destination").equalTo(e.getKey()), lit(e.getValue())).otherwise(fee);
    }
    return fee;
  }

  /**
   * Per (destination, origin, month): days covered, visa-free, e-visa and visa-on-arrival days,
   * stay-log days, fee days.
   */
  static Dataset<Row> policyDays(Dataset<Row> policy, Date first, Date last, Column defaultFee) {
    Column free = col("regime").equalTo("visa_free");
    Column days = col(MonthOverlaps.DAYS);
    Column fee = coalesce(col("fee_usd"), when(free, lit(0.0)).otherwise(defaultFee));
    return MonthOverlaps.explode(policy, first, last)
        .groupBy(col("destination").as("p_destination"), col("origin").as("p_origin"),
            col(MonthOverlaps.MONTH).as("p_month"))
        .agg(
            sum(days).as("covered_days"),
            sum(when(free, days).otherwise(0)).as("free_days"),
            sum(when(col("regime").equalTo("evisa"), days).otherwise(0)).as("evisa_days"),
            sum(when(col("regime").equalTo("visa_on_arrival"), days).otherwise(0)).as("voa_days"),
            sum(when(free, days.multiply(log(col("max_stay_days").divide((double) ReferenceStay.DAYS)))).otherwise(0.0)).as("stay_log_days"),
            sum(days.multiply(fee)).as("fee_days"));
  }

  /**
   * Per (issuer, destination, month): the sum over days of the highest level in force, from all
   * advisories, from those without a region (empty or blank) and from those for a region.
   */
  static Dataset<Row> advisoryDays(Dataset<Row> advisories, Date first, Date last) {
    StructType schema =
        new StructType()
            .add("a_issuer", DataTypes.StringType)
            .add("a_destination", DataTypes.StringType)
            .add("a_month", DataTypes.StringType)
            .add("level_days", DataTypes.DoubleType)
            .add("national_level_days", DataTypes.DoubleType)
            .add("regional_level_days", DataTypes.DoubleType);
    Column regional = col("region").isNotNull().and(trim(col("region")).notEqual(""));
    Dataset<Row> grouped =
        MonthOverlaps.explode(advisories, first, last)
            .groupBy(col("issuer"), col("destination"), col(MonthOverlaps.MONTH))
            .agg(collect_list(struct(col(MonthOverlaps.FIRST_DAY), col(MonthOverlaps.LAST_DAY), col("level"),
                regional))
                .as("stretches"));
    return grouped.map(
        (MapFunction<Row, Row>) r ->
            RowFactory.create(r.getString(0), r.getString(1), r.getString(2),
                AdvisorySweep.levelDays(r.getList(3), AdvisorySweep.Scope.ANY),
                AdvisorySweep.levelDays(r.getList(3), AdvisorySweep.Scope.NATIONAL),
                AdvisorySweep.levelDays(r.getList(3), AdvisorySweep.Scope.REGIONAL)),
        Encoders.row(schema));
  }
}
