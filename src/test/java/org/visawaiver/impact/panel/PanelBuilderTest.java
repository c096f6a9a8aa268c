package org.visawaiver.impact.panel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
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

  /** A panel row without e-visa, visa on arrival or advisories (their four v2 columns are 0). */
  private static Object[] expected(String destination, String origin, String month, double waiver, double stay,
      double fee) {
    return expected(destination, origin, month, waiver, stay, fee, 0, 0, 0, 0, 0);
  }

  /** A panel row in column order; {@code national} and {@code regional} are the v2 advisory levels. */
  private static Object[] expected(String destination, String origin, String month, double waiver, double stay,
      double fee, double advisory, double evisa, double voa, double national, double regional) {
    return new Object[] {destination, origin, month, 100L, "test", waiver, stay, fee, advisory, evisa, voa, national,
        regional};
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
        expected("LAO", "KOR", "2008-08", 0, 0, 30),
        // September (30 days): 15..30 = 16 visa-free days; 14 uncovered days at 30 -> fee 14*30/30 = 14.
        expected("LAO", "KOR", "2008-09", 16.0 / 30, 16.0 / 30 * half, 14),
        expected("LAO", "KOR", "2008-10", 1, half, 0));
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
        expected("THA", "KOR", "2023-08", 1, Math.log(3), 0),
        // August 2023 (31 days): 1..14 at 15 days, 15..31 (17 days) at 45 days; a null fee on a visa-free row is 0.
        expected("VNM", "KOR", "2023-08", 1, (14 * Math.log(0.5) + 17 * Math.log(1.5)) / 31, 0),
        expected("VNM", "KOR", "2023-09", 1, Math.log(1.5), 0));
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
        expected("KHM", "JPN", "2025-11", 0, 0, 30),
        // October: days 16..31 (16 of 31) at 2.5; both Korean advisories have a region: national 0.
        expected("KHM", "KOR", "2025-10", 0, 0, 30, 16 * 2.5 / 31, 0, 0, 0, 16 * 2.5 / 31),
        // November (30 days): 20 days at 2.5, days 10..19 at max(2.5, 4) = 4 -> (50 + 40) / 30 = 3.
        expected("KHM", "KOR", "2025-11", 0, 0, 30, 3, 0, 0, 0, 3));
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
        // Both rows are e-visa: evisa_share 1.
        expected("KHM", "AUS", "2024-02", 0, 0, (14 * 36.0 + 15 * 30.0) / 29, 0, 1, 0, 0, 0),
        // visa on arrival without fee_usd: the default fee (30) all month; voa_share 1.
        expected("KHM", "USA", "2024-02", 0, 0, 30, 0, 0, 1, 0, 0),
        // February 2023 has no policy: THA default fee override 40.
        expected("THA", "AUS", "2023-02", 0, 0, 40),
        // 29 days; visa-free from the 10th: 20 days; the 9 days before pay THA's default fee 40.
        expected("THA", "AUS", "2024-02", 20.0 / 29, 20.0 / 29 * Math.log(2), 9 * 40.0 / 29));
  }

  @Test
  void dataWindowKeepsOnlyTheConfiguredMonths() {
    Dataset<Row> arrivals = table(AcceptedSchemas.ARRIVALS,
        arrival("KHM", "KOR", "2018-12"), arrival("KHM", "KOR", "2019-01"), arrival("KHM", "KOR", "2019-02"));
    Dataset<Row> p = PanelBuilder.build(
        new ValidatedInputs(arrivals, table(AcceptedSchemas.VISA_POLICY), noAdvisories(), Optional.empty(), List.of()),
        new PanelSettings(30.0, Map.of(), "2019-01", "2019-01"));
    assertPanel(p, expected("KHM", "KOR", "2019-01", 0, 0, 30));
  }

  @Test
  void everyColumnEqualsADayByDayComputationOnHandMadeIntervals() {
    // Regimes switching mid-month through all four, a fee cut on the 1st of January, a leap
    // February, a year boundary; advisories national and regional, overlapping, a regional one
    // below the national level and one with a blank region (national).
    List<DayByDayPanel.Policy> policies = List.of(
        new DayByDayPanel.Policy("KHM", "KOR", "visa_on_arrival", LocalDate.parse("2023-11-07"),
            LocalDate.parse("2023-12-20"), null, 30.0),
        new DayByDayPanel.Policy("KHM", "KOR", "evisa", LocalDate.parse("2023-12-21"),
            LocalDate.parse("2024-02-10"), null, 36.0),
        new DayByDayPanel.Policy("KHM", "KOR", "visa_free", LocalDate.parse("2024-02-11"),
            LocalDate.parse("2024-02-20"), 14, 0.0),
        new DayByDayPanel.Policy("KHM", "KOR", "evisa", LocalDate.parse("2024-02-25"), null, null, null),
        new DayByDayPanel.Policy("KHM", "USA", "evisa", LocalDate.parse("2020-01-01"),
            LocalDate.parse("2023-12-31"), null, 36.0),
        new DayByDayPanel.Policy("KHM", "USA", "evisa", LocalDate.parse("2024-01-01"), null, null, 30.0),
        new DayByDayPanel.Policy("THA", "KOR", "visa_free", LocalDate.parse("2023-12-15"), null, 90, null));
    List<DayByDayPanel.Advisory> advisories = List.of(
        new DayByDayPanel.Advisory("KOR", "KHM", 2.0, LocalDate.parse("2023-12-05"), null, null),
        new DayByDayPanel.Advisory("KOR", "KHM", 4.0, LocalDate.parse("2024-01-20"), LocalDate.parse("2024-02-03"),
            "Bavet"),
        new DayByDayPanel.Advisory("KOR", "KHM", 1.0, LocalDate.parse("2023-11-10"), LocalDate.parse("2024-01-25"),
            "Siem Reap"),
        new DayByDayPanel.Advisory("KOR", "KHM", 2.5, LocalDate.parse("2024-02-15"), null, "  "),
        new DayByDayPanel.Advisory("USA", "KHM", 3.0, LocalDate.parse("2024-01-31"), LocalDate.parse("2024-01-31"),
            "Poipet"),
        new DayByDayPanel.Advisory("KOR", "THA", 1.5, LocalDate.parse("2023-12-31"), LocalDate.parse("2024-01-01"),
            null));
    List<String[]> keys = new java.util.ArrayList<>();
    for (String[] pair : new String[][] {{"KHM", "KOR"}, {"KHM", "USA"}, {"THA", "KOR"}, {"KHM", "JPN"}}) {
      for (String month : List.of("2023-10", "2023-11", "2023-12", "2024-01", "2024-02", "2024-03")) {
        keys.add(new String[] {pair[0], pair[1], month});
      }
    }
    Dataset<Row> policy = table(AcceptedSchemas.VISA_POLICY, policies.stream()
        .map(p -> new Object[] {p.destination(), p.origin(), p.regime(), Date.valueOf(p.from()),
            p.to() == null ? null : Date.valueOf(p.to()), p.stay(), p.fee(), "t"})
        .toArray(Object[][]::new));
    Dataset<Row> advisoryTable = table(AcceptedSchemas.ADVISORIES, advisories.stream()
        .map(a -> new Object[] {a.issuer(), a.destination(), a.level(), Date.valueOf(a.from()),
            a.to() == null ? null : Date.valueOf(a.to()), a.region(), "t"})
        .toArray(Object[][]::new));
    Dataset<Row> arrivals = table(AcceptedSchemas.ARRIVALS,
        keys.stream().map(k -> arrival(k[0], k[1], k[2])).toArray(Object[][]::new));

    List<Row> rows = panel(arrivals, policy, advisoryTable).collectAsList();
    assertEquals(keys.size(), rows.size());
    List<String> names = List.of("waiver_share", "stay_log", "visa_fee_usd", "advisory_level", "evisa_share",
        "voa_share", "advisory_national_level", "advisory_regional_level");
    for (Row r : rows) {
      String destination = r.getString(0);
      double[] slow = DayByDayPanel.row(destination, r.getString(1), YearMonth.parse(r.getString(2)), policies,
          advisories, SETTINGS.feeByDestination().getOrDefault(destination, SETTINGS.defaultFeeUsd()));
      for (int i = 0; i < names.size(); i++) {
        assertEquals(slow[i], r.getDouble(r.fieldIndex(names.get(i))), 1e-9,
            names.get(i) + " of " + destination + " " + r.getString(1) + " " + r.getString(2));
      }
    }
    // The fixture does exercise what it is meant to: KHM-KOR 2024-02 mixes three regimes and both scopes.
    Row mixed = rows.stream().filter(r -> r.getString(0).equals("KHM") && r.getString(1).equals("KOR")
        && r.getString(2).equals("2024-02")).findFirst().orElseThrow();
    assertEquals(10.0 / 29, mixed.getDouble(mixed.fieldIndex("waiver_share")), TOL);
    assertEquals((10.0 + 5) / 29, mixed.getDouble(mixed.fieldIndex("evisa_share")), TOL);
    // national: 2 all month, 2.5 from the 15th (15 days) -> (14 * 2 + 15 * 2.5) / 29; regional: Bavet 4 on days 1..3.
    assertEquals((14 * 2 + 15 * 2.5) / 29, mixed.getDouble(mixed.fieldIndex("advisory_national_level")), TOL);
    assertEquals(3 * 4.0 / 29, mixed.getDouble(mixed.fieldIndex("advisory_regional_level")), TOL);
  }
}
