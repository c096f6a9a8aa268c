package org.visawaiver.impact.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.visawaiver.impact.config.InputException;
import org.visawaiver.impact.config.JobConfig;
import org.visawaiver.impact.testing.SharedSpark;

class PipelineValidationTest {
  @TempDir Path dir;

  private JobConfig config(String arrivals) throws IOException {
    Path data = Files.createDirectories(dir.resolve("data"));
    Files.writeString(data.resolve("arrivals.csv"), arrivals);
    Files.writeString(data.resolve("visa_policy.csv"),
        "destination,origin,regime,effective_from\nKHM,KOR,visa_on_arrival,2019-01-01\n");
    Files.writeString(data.resolve("advisories.csv"), "issuer,destination,level,effective_from\n");
    return JobConfig.load(null, false, List.of("data.dir=\"" + data + "\"", "output.dir=\"" + dir.resolve("out") + "\""));
  }

  @Test
  void tooManyRejectsStopAfterRejectsAndManifestAreWrittenToTheStagingFolder() throws IOException {
    JobConfig config = config("destination,origin,month,arrivals\nKHM,KOR,2019-01,5\nKHM,KOR,2019-02,x\n");
    InputException e = assertThrows(InputException.class,
        () -> new Pipeline(SharedSpark.spark(), config).run(Step.PANEL, "panel"));
    assertTrue(e.getMessage().contains(": 1 of 2 rows rejected (50.00%); above validate.max-reject-share = 0.01"),
        e.getMessage());
    assertTrue(Files.notExists(dir.resolve("out")), "a failed run published its outputs");
    Path staging = dir.resolve("out.partial");
    assertTrue(Files.readString(staging.resolve("FAILED")).startsWith("reason: " + e.getMessage()));
    assertTrue(Files.readString(staging.resolve("FAILED")).contains("exit_code: 2"));
    JsonNode manifest = new ObjectMapper().readTree(staging.resolve("manifest.json").toFile());
    assertEquals("failed", manifest.get("status").asText());
    JsonNode arrivals = manifest.get("inputs").get(0);
    assertEquals("arrivals", arrivals.get("dataset").asText());
    assertEquals(2, arrivals.get("rows_read").asLong());
    assertEquals(1, arrivals.get("rows_accepted").asLong());
    assertEquals(1, arrivals.get("rows_rejected").asLong());
    assertTrue(Files.readString(staging.resolve("rejects/arrivals.csv")).contains("3,\"KHM,KOR,2019-02,x\","));
    assertTrue(Files.notExists(staging.resolve("panel.csv")), "no panel from a broken input");
  }

  @Test
  void panelStepWritesParquetAndOneCsv() throws IOException {
    JobConfig config = config("destination,origin,month,arrivals,source\nKHM,KOR,2019-01,5,a\nKHM,KOR,2019-02,,b\n");
    new Pipeline(SharedSpark.spark(), config).run(Step.PANEL, "panel");
    // visa_policy: KHM-KOR visa on arrival from 2019-01-01, so voa_share is 1.
    assertEquals(List.of(
            "destination,origin,month,arrivals,source,waiver_share,stay_log,visa_fee_usd,advisory_level,"
                + "evisa_share,voa_share,advisory_national_level,advisory_regional_level",
            "KHM,KOR,2019-01,5,a,0,0,30,0,0,1,0,0",
            "KHM,KOR,2019-02,,b,0,0,30,0,0,1,0,0"),
        Files.readAllLines(dir.resolve("out/panel.csv")));
    assertEquals(2, SharedSpark.spark().read().parquet(dir.resolve("out/panel").toString()).count());
  }
}
