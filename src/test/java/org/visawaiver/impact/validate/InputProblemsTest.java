package org.visawaiver.impact.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.visawaiver.impact.config.InputException;
import org.visawaiver.impact.config.JobConfig;
import org.visawaiver.impact.testing.SharedSpark;

/** Inputs that used to crash or pass silently: each stops with the file named, or is read right. */
class InputProblemsTest {
  @TempDir Path dir;

  private Path data(String name) {
    return dir.resolve("data").resolve(name);
  }

  private void write(String name, String text) throws IOException {
    Files.createDirectories(dir.resolve("data"));
    Files.writeString(data(name), text, StandardCharsets.UTF_8);
  }

  private void writePolicyAndAdvisories() throws IOException {
    write("visa_policy.csv", "destination,origin,regime,effective_from,max_stay_days\nLAO,KOR,visa_free,2008-09-01,15\n");
    write("advisories.csv", "issuer,destination,level,effective_from\n");
  }

  private ValidatedInputs run(JobConfig config) {
    return InputValidation.run(SharedSpark.spark(), config, dir.resolve("out"), false);
  }

  private JobConfig config() {
    return JobConfig.defaults().with("data.dir", dir.resolve("data").toString());
  }

  private void arrivalsParquet(String column, DataType type, Object... values) {
    List<Row> rows = Stream.of(values).map(v -> RowFactory.create("KHM", "KOR", "2019-0" + (rowsWritten++ % 9 + 1), v))
        .toList();
    SharedSpark.spark().createDataFrame(rows, DataTypes.createStructType(List.of(
            DataTypes.createStructField("destination", DataTypes.StringType, true),
            DataTypes.createStructField("origin", DataTypes.StringType, true),
            DataTypes.createStructField("month", DataTypes.StringType, true),
            DataTypes.createStructField(column, type, true))))
        .coalesce(1).write().mode(SaveMode.Append).parquet(data("arrivals.parquet").toString());
  }

  private int rowsWritten;

  private InputException parquetFailure() {
    return assertThrows(InputException.class, () -> run(config().with("data.arrivals", "arrivals.parquet")));
  }

  private Path onlyPart() throws IOException {
    try (Stream<Path> files = Files.list(data("arrivals.parquet"))) {
      return files.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
    }
  }

  @Test
  void headerOnlyArrivalsStopNamingTheFileButNoAdvisoriesIsFine() throws IOException {
    write("arrivals.csv", "destination,origin,month,arrivals\n");
    writePolicyAndAdvisories();
    InputException e = assertThrows(InputException.class, () -> run(config()));
    assertEquals(data("arrivals.csv") + ": arrivals has no data rows (only a header or schema); expected at least"
        + " one row with destination, origin, month, arrivals (CONTRACT.md); nothing was validated", e.getMessage());
  }

  @Test
  void duplicateHeaderColumnsIgnoringCaseStop() throws IOException {
    write("arrivals.csv", "destination,origin,month,arrivals,Arrivals \nKHM,KOR,2019-01,5,6\n");
    writePolicyAndAdvisories();
    InputException e = assertThrows(InputException.class, () -> run(config()));
    assertEquals(data("arrivals.csv") + ": the header names column \"arrivals\" 2 times: \"arrivals\" (column 4),"
        + " \"Arrivals \" (column 5); column names are compared without case, so which one holds arrivals.arrivals"
        + " is ambiguous; rename or remove all but one; nothing was validated", e.getMessage());
  }

  @Test
  void truncatedParquetIsBadInputNamingTheFile() throws IOException {
    writePolicyAndAdvisories();
    arrivalsParquet("arrivals", DataTypes.LongType, 5L, 6L);
    Path part = onlyPart();
    byte[] bytes = Files.readAllBytes(part);
    Files.write(part, java.util.Arrays.copyOf(bytes, bytes.length - 20));
    Files.deleteIfExists(part.resolveSibling("." + part.getFileName() + ".crc"));
    InputException e = parquetFailure();
    assertTrue(e.getMessage().startsWith(data("arrivals.parquet") + ": not readable as Parquet ("), e.getMessage());
    assertTrue(e.getMessage().endsWith("; rewrite it (or export CSV); nothing was validated"), e.getMessage());
  }

  @Test
  void checksumErrorIsBadInput() throws IOException {
    writePolicyAndAdvisories();
    arrivalsParquet("arrivals", DataTypes.LongType, 5L, 6L);
    Path part = onlyPart();
    byte[] bytes = Files.readAllBytes(part);
    bytes[bytes.length / 2] ^= 0x5A; // the .crc file beside it now disagrees
    Files.write(part, bytes);
    assertTrue(parquetFailure().getMessage().contains("Checksum"), "a checksum error is named");
  }

  @Test
  void partFilesWithDifferentColumnTypesAreBadInput() throws IOException {
    writePolicyAndAdvisories();
    arrivalsParquet("arrivals", DataTypes.LongType, 5L);
    arrivalsParquet("arrivals", DataTypes.StringType, "6");
    InputException e = parquetFailure();
    assertTrue(e.getMessage().startsWith(data("arrivals.parquet") + ": not readable as Parquet ("), e.getMessage());
  }

  @Test
  void integerValuedParquetDoublesAreCounts() throws IOException {
    writePolicyAndAdvisories();
    arrivalsParquet("arrivals", DataTypes.DoubleType, 12345678.0, 20000000.0, 12345678.5);
    ValidatedInputs v = run(config().with("data.arrivals", "arrivals.parquet")
        .with("validate.max-reject-share", 1.0));
    assertEquals(List.of(20000000L, 12345678L),
        v.arrivals().select("arrivals").collectAsList().stream().map(r -> r.getLong(0)).sorted(
            java.util.Comparator.reverseOrder()).toList());
    assertEquals(1, v.reports().get(0).rowsRejected(), "12345678.5 is not a count");
  }

  @Test
  void anArrivalsValueFarAboveItsSeriesMedianIsRejectedWithThatReason() throws IOException {
    write("arrivals.csv", "destination,origin,month,arrivals\nKHM,KOR,2019-01,1200\nKHM,KOR,2019-02,1000\n"
        + "KHM,KOR,2019-03,1000000000000000000\nKHM,KOR,2019-04,130000\nKHM,JPN,2019-01,0\nKHM,JPN,2019-02,90\n");
    writePolicyAndAdvisories();
    ValidatedInputs v = run(config());
    String rejects = Files.readString(dir.resolve("out/rejects/arrivals.csv"));
    assertTrue(rejects.contains("\"arrivals 1000000000000000000 is more than 100 times the median 1200 of its series"
        + " (KHM, KOR; 4 reported months): implausible"), rejects);
    assertTrue(rejects.contains("arrivals 130000 is more than 100 times the median 1200"), rejects);
    assertEquals(2, v.reports().get(0).rowsRejected(), "90 against a median of 0 (counted as 1) is kept");
    String checks = Files.readString(dir.resolve("out/validation_checks.csv"));
    assertTrue(checks.contains("arrivals,arrivals_plausible,error,failed,6,2,"), checks);
    assertEquals(0, run(config().with("validate.max-arrivals-to-median", 0)).reports().get(0).rowsRejected());
  }

  @Test
  void aSingleRejectedPolicyRowStopsTheRunByDefault() throws IOException {
    write("arrivals.csv", "destination,origin,month,arrivals\nKHM,KOR,2019-01,5\n");
    write("visa_policy.csv", "destination,origin,regime,effective_from,max_stay_days\n"
        + "LAO,KOR,visa_free,2008-09-01,15\nLAO,JPN,visa_fre,2008-09-01,15\n");
    write("advisories.csv", "issuer,destination,level,effective_from\n");
    ValidatedInputs v = run(config());
    InputException e = assertThrows(InputException.class,
        () -> InputValidation.enforceRejectLimits(v.reports(), config()));
    assertEquals(data("visa_policy.csv") + ": 1 of 2 visa_policy rows rejected, more than"
        + " validate.max-policy-rejects = 0; each policy row sets the regime of a pair for every month it covers,"
        + " so a lost row turns those panel rows into visa_required; the reasons are in rejects/visa_policy.csv;"
        + " fix the rows (or raise the limit with --set validate.max-policy-rejects=N to go on)", e.getMessage());
    InputValidation.enforceRejectLimits(v.reports(),
        config().with("validate.max-policy-rejects", 1).with("validate.max-reject-share", 0.5));
  }
}
