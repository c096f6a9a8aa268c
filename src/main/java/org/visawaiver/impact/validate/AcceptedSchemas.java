package org.visawaiver.impact.validate;

import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The typed schemas of the accepted rows in {@link ValidatedInputs}; the panel, the estimator and
 * the scenarios code against exactly these. Months are strings {@code YYYY-MM}; dates are dates;
 * nullable columns are the contract's optional ones (and {@code arrivals}: empty = not reported).
 */
public final class AcceptedSchemas {
  public static final StructType ARRIVALS =
      schema(
          field("destination", StringType, false),
          field("origin", StringType, false),
          field("month", StringType, false),
          field("arrivals", LongType, true),
          field("source", StringType, true));

  public static final StructType VISA_POLICY =
      schema(
          field("destination", StringType, false),
          field("origin", StringType, false),
          field("regime", StringType, false),
          field("effective_from", DateType, false),
          field("effective_to", DateType, true),
          field("max_stay_days", IntegerType, true),
          field("fee_usd", DoubleType, true),
          field("source", StringType, true));

  public static final StructType ADVISORIES =
      schema(
          field("issuer", StringType, false),
          field("destination", StringType, false),
          field("level", DoubleType, false),
          field("effective_from", DateType, false),
          field("effective_to", DateType, true),
          field("region", StringType, true),
          field("source", StringType, true));

  public static final StructType TOURISM_PARAMETERS =
      schema(
          field("destination", StringType, false),
          field("origin", StringType, false),
          field("spend_per_arrival_usd", DoubleType, false),
          field("visa_fee_usd", DoubleType, false),
          field("jobs_per_musd", DoubleType, false),
          field("employment_multiplier", DoubleType, true),
          field("tax_share", DoubleType, true),
          field("source", StringType, true),
          field("spend_per_arrival_usd_low", DoubleType, true),
          field("spend_per_arrival_usd_high", DoubleType, true),
          field("jobs_per_musd_low", DoubleType, true),
          field("jobs_per_musd_high", DoubleType, true),
          field("employment_multiplier_low", DoubleType, true),
          field("employment_multiplier_high", DoubleType, true),
          field("tax_share_low", DoubleType, true),
          field("tax_share_high", DoubleType, true));

  private AcceptedSchemas() {}

  private static StructField field(String name, org.apache.spark.sql.types.DataType type, boolean nullable) {
    return DataTypes.createStructField(name, type, nullable);
  }

  private static StructType schema(StructField... fields) {
    return DataTypes.createStructType(fields);
  }
}
