package org.visawaiver.impact.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.visawaiver.impact.config.InputException;
import org.visawaiver.impact.config.JobConfig;
import org.visawaiver.impact.testing.SharedSpark;

class InputValidationTest {
  private static final String VISA_HEADER = "destination,origin,regime,effective_from,effective_to,max_stay_days,fee_usd,source\n";
  private static final String ADVISORY_HEADER = "issuer,destination,level,effective_from,effective_to,region,source\n";

  @TempDir Path dir;

  private JobConfig config() {
    return JobConfig.defaults().with("data.dir", dir.resolve("data").toString());
  }

  private void write(String name, String text) throws IOException {
    Files.createDirectories(dir.resolve("data"));
    Files.writeString(dir.resolve("data").resolve(name), text, StandardCharsets.UTF_8);
  }

  private void writeDefaults() throws IOException {
    write("visa_policy.csv", VISA_HEADER + "LAO,KOR,visa_free,2008-09-01,,15,0,test\n");
    write("advisories.csv", ADVISORY_HEADER + "KOR,KHM,2.5,2025-10-16,,Phnom Penh,test\n");
  }

  private Map<Long, String> rejects(String dataset) throws IOException {
    List<CSVRecord> records =
        CSVFormat.RFC4180.builder().setHeader().build()
            .parse(Files.newBufferedReader(dir.resolve("out/rejects/" + dataset + ".csv"))).getRecords();
    return records.stream().collect(Collectors.toMap(r -> Long.parseLong(r.get("line")), r -> r.get("reason")));
  }

  private ValidatedInputs run() {
    return InputValidation.run(SharedSpark.spark(), config(), dir.resolve("out"), false);
  }

  @Test
  void cleanInputsAreAcceptedWithTheExactSchemasAndBomAndQuotesAreRead() throws IOException {
    write("arrivals.csv", "\uFEFFmonth,destination,origin,arrivals,source,extra\n"
        + "2019-01,KHM,KOR,100,\"Ministry, \"\"table\"\" 3\",x\n"
        + "2019-02,KHM,KOR,,\"two\nlines\",y\n"
        + "2019-03,KHM,KOR,0,,z\n");
    writeDefaults();
    ValidatedInputs v = run();
    assertEquals(AcceptedSchemas.ARRIVALS, v.arrivals().schema());
    assertEquals(AcceptedSchemas.VISA_POLICY, v.visaPolicy().schema());
    assertEquals(AcceptedSchemas.ADVISORIES, v.advisories().schema());
    List<Row> rows = v.arrivals().orderBy("month").collectAsList();
    assertEquals("Ministry, \"table\" 3", rows.get(0).getString(4));
    assertEquals(100L, rows.get(0).get(3));
    assertEquals(null, rows.get(1).get(3), "empty arrivals = not reported, kept as null");
    assertEquals(0L, rows.get(2).get(3));
    assertEquals(new DatasetReport("arrivals", dir.resolve("data/arrivals.csv").toString(),
        v.reports().get(0).sha256(), 3, 3, 0), v.reports().get(0));
    assertEquals(64, v.reports().get(0).sha256().length());
    assertEquals(2.5, v.advisories().first().getDouble(2), 0.0);
  }

  @Test
  void badArrivalRowsGoToRejectsWithLineAndReason() throws IOException {
    write("arrivals.csv", "destination,origin,month,arrivals\n"
        + "KHM,KOR,2019-13,5\n"          // line 2
        + "KHM,Kor,2019-01,5\n"          // line 3
        + "KHM,KOR,2019-01,-3\n"         // line 4
        + "KHM,KOR,2019-01,12.5\n"       // line 5
        + "KHM,KOR,2019-01,7\n"          // line 6: accepted
        + "\"KHM\",\"KOR\",\"2019-01\",8\n"  // line 7: duplicate of line 6
        + "KHM,KOR,2019-02,1,9\n"        // line 8: too many fields
        + "=1+2,KOR,2019-02,1\n");       // line 9: formula-looking code
    writeDefaults();
    ValidatedInputs v = run();
    Map<Long, String> r = rejects("arrivals");
    assertEquals("month \"2019-13\" is not a month YYYY-MM (e.g. 2019-01)", r.get(2L));
    assertEquals("origin \"Kor\" is not three upper-case letters (an ISO 3166-1 alpha-3 code such as KHM)", r.get(3L));
    assertEquals("arrivals \"-3\" is negative; counts are non-negative integers", r.get(4L));
    assertTrue(r.get(5L).startsWith("arrivals \"12.5\" is not a non-negative integer"), r.get(5L));
    assertEquals("duplicate key (KHM, KOR, 2019-01): line 6 has the same destination, origin, month and is kept",
        r.get(7L));
    assertEquals("row has 5 field(s) but the header has 4", r.get(8L));
    assertTrue(r.get(9L).startsWith("destination \"=1+2\" is not three"), r.get(9L));
    assertEquals(7, r.size());
    assertEquals(new DatasetReport("arrivals", dir.resolve("data/arrivals.csv").toString(),
        v.reports().get(0).sha256(), 8, 1, 7), v.reports().get(0));
    String text = Files.readString(dir.resolve("out/rejects/arrivals.csv"));
    assertTrue(text.contains("9,\"'=1+2,KOR,2019-02,1\","), "the raw row is made formula-safe: " + text);
    String checks = Files.readString(dir.resolve("out/validation_checks.csv"));
    assertTrue(checks.contains("arrivals,duplicate_key,error,failed,8,1,"), checks);
    assertTrue(checks.contains("arrivals,reject_share,error,failed,8,7,"), checks);
    List<String> summary = Files.readAllLines(dir.resolve("out/validation_summary.csv"));
    assertEquals("dataset,file,sha256,rows_read,rows_accepted,rows_rejected", summary.get(0));
    assertEquals("arrivals,arrivals.csv," + v.reports().get(0).sha256() + ",8,1,7", summary.get(1));
    InputException e = assertThrows(InputException.class,
        () -> InputValidation.enforceRejectLimits(v.reports(), config()));
    assertTrue(e.getMessage().startsWith(dir.resolve("data/arrivals.csv") + ": 7 of 8 rows rejected (87.50%); "
        + "above validate.max-reject-share = 0.01"), e.getMessage());
  }

  /**
   * Small files are validated on the driver (validate.driver-max-size), larger ones by Spark tasks:
   * every output of the step is the same either way, byte for byte, for rows failing every kind of
   * rule (row, duplicate key, overlap, plausibility).
   */
  @Test
  void driverAndSparkValidationWriteTheSameOutputs() throws IOException {
    write("arrivals.csv", "destination,origin,month,arrivals,source\n"
        + "KHM,KOR,2019-01,10,a\n"       // line 2
        + "KHM,KOR,2019-02,12,a\n"
        + "KHM,JPN,2019-01,7,\"b, c\"\n"
        + "KHM,KOR,2019-03,11,a\n"
        + "KHM,KOR,2019-04,5000,a\n"     // line 6: more than 100 x the median 11
        + "KHM,KOR,2019-02,13,dup\n"     // line 7: duplicate of line 3
        + "KHM,KOR,2019-13,1,a\n"        // line 8: bad month
        + "THA,JPN,2019-01,,a\n"         // line 9: not reported
        + "THA,JPN,2019-02,4,a,extra\n"  // line 10: too many fields
        + "=1+2,KOR,2019-02,1,a\n");     // line 11: formula-looking code
    write("visa_policy.csv", VISA_HEADER
        + "VNM,KOR,visa_free,2015-01-01,2023-08-14,15,0,a\n"
        + "VNM,KOR,visa_free,2023-08-01,,45,0,b\n"            // overlaps line 2
        + "LAO,KOR,visa_free,2008-09-01,,15,0,test\n");
    write("advisories.csv", ADVISORY_HEADER + "KOR,KHM,2.5,2025-10-16,,Phnom Penh,test\n"
        + "KOR,KHM,9,2025-10-16,,,bad level\n");
    ValidatedInputs driver = run();
    Map<String, String> files = outputs();
    ValidatedInputs spark = InputValidation.run(SharedSpark.spark(),
        config().with("validate.driver-max-size", 0), dir.resolve("out"), false);
    assertEquals(files, outputs());
    assertEquals(driver.reports(), spark.reports());
    assertEquals(sorted(driver.arrivals()), sorted(spark.arrivals()));
    assertEquals(sorted(driver.visaPolicy()), sorted(spark.visaPolicy()));
    assertEquals(sorted(driver.advisories()), sorted(spark.advisories()));
    assertEquals(driver.arrivals().schema(), spark.arrivals().schema());
    Map<Long, String> r = rejects("arrivals");
    assertEquals(List.of(6L, 7L, 8L, 10L, 11L), r.keySet().stream().sorted().toList());
    assertTrue(r.get(6L).startsWith("arrivals 5000 is more than 100 times the median 11"), r.get(6L));
    assertEquals(2, rejects("visa_policy").size() + rejects("advisories").size());
  }

  @Test
  void negativeDriverMaxSizeStopsBeforeAnythingRuns() throws IOException {
    write("arrivals.csv", "destination,origin,month,arrivals\nKHM,KOR,2019-01,5\n");
    writeDefaults();
    InputException e = assertThrows(InputException.class, () -> InputValidation.run(SharedSpark.spark(),
        config().with("validate.driver-max-size", -1), dir.resolve("out"), false));
    assertEquals("configuration: validate.driver-max-size: hardcoded value: Invalid value at 'driver-max-size':"
        + " Attempt to construct memory size with negative number: -1; expected a size such as 16 MiB;"
        + " nothing was run", e.getMessage());
  }

  /** Every file the step wrote, by name, as text. */
  private Map<String, String> outputs() throws IOException {
    Map<String, String> texts = new java.util.TreeMap<>();
    try (var files = Files.walk(dir.resolve("out"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        texts.put(dir.resolve("out").relativize(f).toString(), Files.readString(f));
      }
    }
    return texts;
  }

  private static List<String> sorted(org.apache.spark.sql.Dataset<Row> rows) {
    return rows.collectAsList().stream().map(Row::toString).sorted().toList();
  }

  /** Ranges of 16 bytes put quoted line breaks and duplicates in other tasks than their first row. */
  @Test
  void tinyCsvRangesGiveTheSameRejectsLinesAndRows() throws IOException {
    write("arrivals.csv", "destination,origin,month,arrivals,source\r\n"
        + "KHM,KOR,2019-01,7,\"a\r\nlong\r\n\r\nnote, \"\"quoted\"\"\"\r\n"   // line 2, to line 5
        + "KHM,KOR,2019-13,5,x\r\n"                                         // line 6
        + "\r\n"
        + "KHM,KOR,2019-01,8,\"dup\nof line 2\"\r\n"                         // line 8
        + "KHM,JPN,2019-01,3,y\r\n");                                       // line 10
    writeDefaults();
    ValidatedInputs whole = run();
    String rejects = Files.readString(dir.resolve("out/rejects/arrivals.csv"));
    List<Row> accepted = whole.arrivals().orderBy("origin").collectAsList();
    // The whole file on the driver (the default for small files), then 16-byte ranges in Spark.
    ValidatedInputs split = InputValidation.run(SharedSpark.spark(),
        config().with("data.csv-split-size", 16).with("validate.driver-max-size", 0), dir.resolve("out"), false);
    assertEquals(rejects, Files.readString(dir.resolve("out/rejects/arrivals.csv")));
    assertEquals(accepted, split.arrivals().orderBy("origin").collectAsList());
    assertEquals(whole.reports(), split.reports());
    Map<Long, String> r = rejects("arrivals");
    assertEquals(List.of(6L, 8L), r.keySet().stream().sorted().toList());
    assertEquals("duplicate key (KHM, KOR, 2019-01): line 2 has the same destination, origin, month and is kept",
        r.get(8L));
    assertEquals("a\r\nlong\r\n\r\nnote, \"quoted\"", accepted.get(1).getString(4));
  }

  @Test
  void policyAndAdvisoryRulesNameTheProblem() throws IOException {
    write("arrivals.csv", "destination,origin,month,arrivals\nKHM,KOR,2019-01,5\n");
    write("visa_policy.csv", VISA_HEADER
        + "VNM,KOR,visa_free,2015-01-01,2023-08-14,15,0,a\n"   // 2 kept
        + "VNM,KOR,visa_free,2023-08-01,,45,0,b\n"             // 3 overlaps 2
        + "VNM,JPN,visa_exempt,2015-01-01,,15,0,c\n"           // 4 unknown regime
        + "VNM,USA,visa_free,2015-01-01,,,0,d\n"               // 5 no stay
        + "VNM,AUS,evisa,2019-02-30,,,25,e\n"                  // 6 bad date
        + "VNM,GBR,evisa,2019-03-01,2019-02-01,,25,f\n"        // 7 to before from
        + "VNM,GBR,evisa,2019-03-01,,,-5,g\n");                // 8 negative fee
    write("advisories.csv", ADVISORY_HEADER
        + "KOR,KHM,4.5,2025-10-16,,Bavet,x\n"                   // 2 level
        + "KOR,KHM,2.5,2025-10-16,2025-12-03,Phnom Penh,x\n"    // 3 ok
        + "KOR,KHM,4,2025-10-16,,Bokor,x\n");                   // 4 ok, overlap allowed
    ValidatedInputs v = run();
    Map<Long, String> p = rejects("visa_policy");
    assertEquals("interval 2023-08-01..open overlaps line 2 (2015-01-01..2023-08-14) of the same destination "
        + "and origin (VNM, KOR); intervals of one pair must not overlap; line 2 is kept", p.get(3L));
    assertEquals("regime \"visa_exempt\" is not one of visa_required, evisa, visa_on_arrival, visa_free", p.get(4L));
    assertEquals("max_stay_days is empty; it is required when regime is visa_free (e.g. 30)", p.get(5L));
    assertEquals("effective_from \"2019-02-30\" is not a calendar date YYYY-MM-DD (e.g. 2019-01-31)", p.get(6L));
    assertTrue(p.get(7L).startsWith("effective_to 2019-02-01 is before effective_from 2019-03-01"), p.get(7L));
    assertEquals("fee_usd -5 is outside the allowed range (at least 0)", p.get(8L));
    assertEquals(6, p.size());
    assertEquals("level 4.5 is outside the allowed range 1..4", rejects("advisories").get(2L));
    assertEquals(2, v.advisories().count());
    assertEquals(1, v.visaPolicy().count());
  }

  /** Optional _low/_high bounds are typed and kept; a bound on the wrong side rejects the row. */
  @Test
  void parameterBoundsAreKeptAndMustBracketTheValue() throws IOException {
    write("arrivals.csv", "destination,origin,month,arrivals\nKHM,KOR,2019-01,5\n");
    writeDefaults();
    write("tourism_parameters.csv", "destination,origin,spend_per_arrival_usd,spend_per_arrival_usd_low,"
        + "spend_per_arrival_usd_high,visa_fee_usd,jobs_per_musd,tax_share,tax_share_low,tax_share_high\n"
        + "KHM,KOR,673,500,900,30,118.6,0.1,0.05,0.15\n"     // 2 ok
        + "KHM,USA,1134,1200,1500,30,118.6,0.1,,\n"          // 3 low above the value
        + "KHM,JPN,880,,,30,118.6,0.1,0.05,1.5\n");          // 4 tax_share_high above 1
    ValidatedInputs v = InputValidation.run(SharedSpark.spark(), config(), dir.resolve("out"), true);
    Map<Long, String> r = rejects("tourism_parameters");
    assertEquals("spend_per_arrival_usd_low 1200 is above spend_per_arrival_usd 1134; a range needs"
        + " spend_per_arrival_usd_low <= spend_per_arrival_usd <= spend_per_arrival_usd_high", r.get(3L));
    assertEquals("tax_share_high 1.5 is outside the allowed range 0..1", r.get(4L));
    Row kept = v.tourismParameters().orElseThrow().first();
    assertEquals(AcceptedSchemas.TOURISM_PARAMETERS, kept.schema());
    assertEquals(500.0, kept.getDouble(kept.fieldIndex("spend_per_arrival_usd_low")), 0.0);
    assertEquals(0.15, kept.getDouble(kept.fieldIndex("tax_share_high")), 0.0);
    assertTrue(kept.isNullAt(kept.fieldIndex("jobs_per_musd_low")));
  }

  @Test
  void missingColumnStopsWithFileColumnAndExpectation() throws IOException {
    write("arrivals.csv", "destination,origin,arrivals\nKHM,KOR,5\n");
    writeDefaults();
    InputException e = assertThrows(InputException.class, this::run);
    assertEquals(dir.resolve("data/arrivals.csv") + ": required column \"month\" missing; expected the columns "
        + "destination, origin, month, arrivals (optional: source), found destination, origin, arrivals; "
        + "nothing was validated", e.getMessage());
  }

  @Test
  void missingFileAndBadEncodingStopTheRun() throws IOException {
    writeDefaults();
    InputException missing = assertThrows(InputException.class, this::run);
    assertTrue(missing.getMessage().startsWith(dir.resolve("data/arrivals.csv") + ": arrivals file not found; "
        + "expected a CSV file with the columns destination, origin, month, arrivals"), missing.getMessage());
    Files.write(dir.resolve("data/arrivals.csv"),
        "destination,origin,month,arrivals\nKHM,KOR,2019-01,5\nKHM,\u00e9,2019-02,1\n".getBytes(StandardCharsets.ISO_8859_1));
    InputException encoding = assertThrows(InputException.class, this::run);
    assertTrue(encoding.getMessage().startsWith(dir.resolve("data/arrivals.csv") + " line 3: unreadable encoding"),
        encoding.getMessage());
  }

  @Test
  void parquetInputIsValidatedLikeCsv() throws IOException {
    writeDefaults();
    SharedSpark.spark().createDataFrame(List.of(
            org.apache.spark.sql.RowFactory.create("KHM", "KOR", "2019-01", 5L),
            org.apache.spark.sql.RowFactory.create("KHM", "KOR", "2019-1", 6L)),
        org.apache.spark.sql.types.DataTypes.createStructType(List.of(
            org.apache.spark.sql.types.DataTypes.createStructField("destination", org.apache.spark.sql.types.DataTypes.StringType, true),
            org.apache.spark.sql.types.DataTypes.createStructField("origin", org.apache.spark.sql.types.DataTypes.StringType, true),
            org.apache.spark.sql.types.DataTypes.createStructField("month", org.apache.spark.sql.types.DataTypes.StringType, true),
            org.apache.spark.sql.types.DataTypes.createStructField("arrivals", org.apache.spark.sql.types.DataTypes.LongType, true))))
        .coalesce(1).write().parquet(dir.resolve("data/arrivals.parquet").toString());
    JobConfig c = config().with("data.arrivals", "arrivals.parquet");
    ValidatedInputs v = InputValidation.run(SharedSpark.spark(), c, dir.resolve("out"), false);
    assertEquals(1, v.arrivals().count());
    assertEquals(2, v.reports().get(0).rowsRead());
    String text = Files.readString(dir.resolve("out/rejects/arrivals.csv"));
    assertTrue(text.contains("2,\"{\"\"destination\"\":\"\"KHM\"\",\"\"origin\"\":\"\"KOR\"\",\"\"month\"\":\"\"2019-1\"\""), text);
  }
}
