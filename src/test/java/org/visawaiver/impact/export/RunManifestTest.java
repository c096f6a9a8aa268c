package org.visawaiver.impact.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.visawaiver.impact.config.JobConfig;
import org.visawaiver.impact.testing.SharedSpark;

class RunManifestTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void secretsGivenInTheConfigurationNeverReachTheManifest(@TempDir Path dir) throws Exception {
    String secret = "s3cr3t-value-that-must-not-leak";
    JobConfig config = JobConfig.load(null, false, List.of(
        "spark.conf.\"spark.authenticate.secret\"=" + secret,
        "secrets.cluster=" + secret,
        "output.dir=\"" + dir + "\""));
    RunManifest manifest = RunManifest.start("validate", config, SharedSpark.spark());
    manifest.timings(Map.of("validate", 1.5));
    manifest.write(dir.resolve("manifest.json"));

    String text = Files.readString(dir.resolve("manifest.json"));
    assertFalse(text.contains(secret), "the secret value leaked into manifest.json");
    JsonNode root = JSON.readTree(text);
    assertEquals(ManifestRedaction.REDACTED,
        root.at("/configuration/spark/conf/spark.authenticate.secret").asText());
    assertFalse(root.at("/configuration").has("secrets"));
  }

  @Test
  void manifestTracesCodeSparkSeedsTimesAndStatus(@TempDir Path dir) throws Exception {
    JobConfig config = JobConfig.load(null, false, List.of("output.dir=\"" + dir + "\""));
    RunManifest manifest = RunManifest.start("panel", config, SharedSpark.spark());
    manifest.timings(Map.of("validate", 1.5));
    manifest.write(dir.resolve("manifest.json"));

    JsonNode root = JSON.readTree(dir.resolve("manifest.json").toFile());
    assertEquals("succeeded", root.get("status").asText());
    assertEquals(SharedSpark.spark().version(), root.at("/versions/spark").asText());
    assertTrue(root.at("/versions").has("git_commit"));
    assertTrue(root.at("/versions").has("application_jar_sha256"));
    assertEquals(config.raw().getLong("scenario.seed"), root.at("/seeds/scenario.seed").asLong());
    assertEquals(SharedSpark.spark().sparkContext().master(), root.get("master").asText());
    assertTrue(root.get("started_utc").asText().endsWith("Z"));
    assertTrue(root.get("finished_utc").asText().endsWith("Z"));
    assertEquals(1.5, root.at("/timings_seconds/validate").asDouble());
  }

  @Test
  void failureIsRecordedWithItsReason(@TempDir Path dir) throws Exception {
    RunManifest manifest = RunManifest.start("run", JobConfig.defaults(), SharedSpark.spark());
    manifest.failed("arrivals.csv: file not found");
    manifest.write(dir.resolve("manifest.json"));
    JsonNode root = JSON.readTree(dir.resolve("manifest.json").toFile());
    assertEquals("failed", root.get("status").asText());
    assertEquals("arrivals.csv: file not found", root.get("failure").asText());
  }

  @Test
  void seedsInsideListsAreCollectedWithTheirPosition() throws Exception {
    ObjectNode node = (ObjectNode) JSON.readTree(
        "{\"scenario\":{\"seed\":1,\"list\":[{\"name\":\"a\",\"seed\":7},{\"name\":\"b\"}]}}");
    ObjectNode seeds = ManifestRedaction.seeds(node);
    assertEquals(2, seeds.size(), seeds.toString());
    assertEquals(1, seeds.get("scenario.seed").asInt());
    assertEquals(7, seeds.get("scenario.list[0].seed").asInt());
  }

  @Test
  void redactionReplacesCredentialLikeKeysAtAnyDepth() throws Exception {
    ObjectNode node = (ObjectNode) JSON.readTree(
        "{\"a\":{\"db-password\":\"p\",\"b\":{\"api_token\":\"t\",\"keep\":1}},\"seed\":3,"
            + "\"l\":[{\"secret\":\"s\"}]}");
    ManifestRedaction.redact(node, org.visawaiver.impact.config.Redaction.sparkDefault());
    assertEquals(ManifestRedaction.REDACTED, node.at("/l/0/secret").asText());
    assertEquals(ManifestRedaction.REDACTED, node.at("/a/db-password").asText());
    assertEquals(ManifestRedaction.REDACTED, node.at("/a/b/api_token").asText());
    assertEquals(1, node.at("/a/b/keep").asInt());
    assertEquals(3, ManifestRedaction.seeds(node).get("seed").asInt());
  }
}
