package org.visawaiver.impact.panel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Date;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.visawaiver.impact.validate.AcceptedSchemas;
import org.visawaiver.impact.validate.ValidatedInputs;
import org.visawaiver.impact.testing.SharedSpark;

/**
 * Hand-made intervals; every expected value is worked out in the comment beside it.
 * Tolerance 1e-12 (the contract asks 1e-9).
 */
class PanelBuilderTest {
  private static final double TOL = 1e-12;
  private static final PanelSettings SETTINGS = new PanelSettings(30.0, Map.of("THA", 40.0), "", "");

  private static Dataset<Row> table(StructType schema, Object[]... rows) {
    SparkSession spark = SharedSpark.spark();
    return spark.createDataFrame(Arrays.stream(rows).map(RowFactory::create).toList(), schema);
  }

  private static Date d(String s) {
    return Date.valueOf(s);
  }

  private static Object[] arrival(String destination, String origin, String month) {
    return new Object[] {destination, origin, month, 100L, "test"};
  }

  private static Object[] expected(String destination, String origin, String month, double waiver, double stay,
      double fee, double advisory) {
    return new Object[] {destination, origin, month, 100L, "test", waiver, stay, fee, advisory};
  }

  private static Dataset<Row> panel(Dataset<Row> arrivals, Dataset<Row> policy, Dataset<Row> advisories) {
    return PanelBuilder.build(
        new ValidatedInputs(arrivals, policy, advisories, Optional.empty(), List.of()), SETTINGS);
  }

  private static Dataset<Row> noAdvisories() {
    return table(AcceptedSchemas.ADVISORIES);
  }

  private static void assertPanel(Dataset<Row> actual, Object[]... rows) {
    assertEquals(PanelBuilder.COLUMNS, Arrays.asList(actual.columns()));
    SharedSpark.assertDataFrameApproximateEquals(table(actual.schema(), rows), actual, TOL);
  }

  @Test
  void waiverStartingMidMonthWithNoPolicyRowBeforeIt() {
    // LAO, KOR: visa-free 15 days from 15 September 2008 (open-ended); nothing before.
    Dataset<Row> policy = table(AcceptedSchemas.VISA_POLICY,
        new Object[] {"LAO", "KOR", "visa_free", d("2008-09-15"), null, 15, 0.0, "t"});
    Dataset<Row> arrivals = table(AcceptedSchemas.ARRIVALS,
        arrival("LAO", "KOR", "2008-08"), arrival("LAO", "KOR", "2008-09"), arrival("LAO", "KOR", "2008-10"));
    double half = Math.log(15.0 / 30);
    assertPanel(panel(arrivals, policy, noAdvisories()),
        // August: no policy row -> visa_required at the default fee 30.
        expected("LAO", "KOR", "2008-08", 0, 0, 30, 0),
        // September (30 days): 15..30 = 16 visa-free days; 14 uncovered days at 30 -> fee 14*30/30 = 14.
        expected("LAO", "KOR", "2008-09", 16.0 / 30, 16.0 / 30 * half, 14, 0),
        expected("LAO", "KOR", "2008-10", 1, half, 0, 0));
  }

  @Test
  void stayExtensionWithinAMonthAndAnOldOpenEndedWaiver() {
    Dataset<Row> policy = table(AcceptedSchemas.VISA_POLICY,
        new Object[] {"VNM", "KOR", "visa_free", d("2015-01-01"), d("2023-08-14"), 15, null, "t"},
        new Object[] {"VNM", "KOR", "visa_free", d("2023-08-15"), null, 45, 0.0, "t"},
        new Object[] {"THA", "KOR", "visa_free", d("1981-01-01"), null, 90, 0.0, "t"});
    Dataset<Row> arrivals = table(AcceptedSchemas.ARRIVALS,
        arrival("VNM", "KOR", "2023-08"), arrival("VNM", "KOR", "2023-09"), arrival("THA", "KOR", "2023-08"));
    assertPanel(panel(arrivals, policy, noAdvisories()),
        // THA since 1981, 90 days: ln(90/30) = ln 3 every day.
        expected("THA", "KOR", "2023-08", 1, Math.log(3), 0, 0),
        // August 2023 (31 days): 1..14 at 15 days, 15..31 (17 days) at 45 days; a null fee on a visa-free row is 0.
        expected("VNM", "KOR", "2023-08", 1, (14 * Math.log(0.5) + 17 * Math.log(1.5)) / 31, 0, 0),
        expected("VNM", "KOR", "2023-09", 1, Math.log(1.5), 0, 0));
  }

  @Test
  void advisoryForOneRegionCountsForTheWholeCountryAtItsHighestLevel() {
    Dataset<Row> advisories = table(AcceptedSchemas.ADVISORIES,
        new Object[] {"KOR", "KHM", 2.5, d("2025-10-16"), null, "Phnom Penh", "t"},
        new Object[] {"KOR", "KHM", 4.0, d("2025-11-10"), d("2025-11-19"), "Bavet", "t"},
        new Object[] {"USA", "KHM", 2.0, d("2025-07-25"), null, null, "t"});
    Dataset<Row> arrivals = table(AcceptedSchemas.ARRIVALS,
        arrival("KHM", "KOR", "2025-10"), arrival("KHM", "KOR", "2025-11"), arrival("KHM", "JPN", "2025-11"));
    assertPanel(panel(arrivals, table(AcceptedSchemas.VISA_POLICY), advisories),
        // JPN issued nothing: 0. The USA advisory is USA's, not Japan's.
        expected("KHM", "JPN", "2025-11", 0, 0, 30, 0),
        // October: days 16..31 (16 of 31) at 2.5.
        expected("KHM", "KOR", "2025-10", 0, 0, 30, 16 * 2.5 / 31),
        // November (30 days): 20 days at 2.5, days 10..19 at max(2.5, 4) = 4 -> (50 + 40) / 30 = 3.
        expected("KHM", "KOR", "2025-11", 0, 0, 30, 3));
  }

  @Test
  void februaryOfALeapYearFeesAndTheDefaultFeeOverride() {
    Dataset<Row> policy = table(AcceptedSchemas.VISA_POLICY,
        new Object[] {"THA", "AUS", "visa_free", d("2024-02-10"), null, 60, 0.0, "t"},
        new Object[] {"KHM", "AUS", "evisa", d("2020-01-01"), d("2024-02-14"), null, 36.0, "t"},
        new Object[] {"KHM", "AUS", "evisa", d("2024-02-15"), null, null, 30.0, "t"},
        new Object[] {"KHM", "USA", "visa_on_arrival", d("2024-02-01"), d("2024-02-29"), null, null, "t"});
    Dataset<Row> arrivals = table(AcceptedSchemas.ARRIVALS,
        arrival("THA", "AUS", "2024-02"), arrival("KHM", "AUS", "2024-02"), arrival("KHM", "USA", "2024-02"),
        arrival("THA", "AUS", "2023-02"));
    assertPanel(panel(arrivals, policy, noAdvisories()),
        // 1..14 at 36, 15..29 (15 days) at 30: (14*36 + 15*30) / 29.
        expected("KHM", "AUS", "2024-02", 0, 0, (14 * 36.0 + 15 * 30.0) / 29, 0),
        // visa on arrival without fee_usd: the default fee (30) all month.
        expected("KHM", "USA", "2024-02", 0, 0, 30, 0),
        // February 2023 has no policy: THA default fee override 40.
        expected("THA", "AUS", "2023-02", 0, 0, 40, 0),
        // 29 days; visa-free from the 10th: 20 days; the 9 days before pay THA's default fee 40.
        expected("THA", "AUS", "2024-02", 20.0 / 29, 20.0 / 29 * Math.log(2), 9 * 40.0 / 29, 0));
  }

  @Test
  void dataWindowKeepsOnlyTheConfiguredMonths() {
    Dataset<Row> arrivals = table(AcceptedSchemas.ARRIVALS,
        arrival("KHM", "KOR", "2018-12"), arrival("KHM", "KOR", "2019-01"), arrival("KHM", "KOR", "2019-02"));
    Dataset<Row> p = PanelBuilder.build(
        new ValidatedInputs(arrivals, table(AcceptedSchemas.VISA_POLICY), noAdvisories(), Optional.empty(), List.of()),
        new PanelSettings(30.0, Map.of(), "2019-01", "2019-01"));
    assertPanel(p, expected("KHM", "KOR", "2019-01", 0, 0, 30, 0));
  }
}
