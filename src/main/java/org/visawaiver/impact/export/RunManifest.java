package org.visawaiver.impact.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.visawaiver.impact.config.JobConfig;

/**
 * {@code OUT/manifest.json}: what produced a run. Inputs with sha256 and row counts, the resolved
 * configuration, versions (application, git commit, Spark, Java), timings per step and the status.
 */
public final class RunManifest {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private final ObjectNode root = JSON.createObjectNode();
  private final long startNanos = System.nanoTime();

  private RunManifest() {}

  public static RunManifest start(String command, JobConfig config, SparkSession spark) {
    RunManifest m = new RunManifest();
    m.root.put("command", command);
    m.root.put("started_utc", Instant.now().toString());
    m.root.put("status", "running");
    ObjectNode versions = m.root.putObject("versions");
    BuildInfo build = BuildInfo.of(RunManifest.class);
    versions.put("application", build.version());
    versions.put("git_commit", build.gitCommit());
    versions.put("application_jar", build.jar());
    versions.put("application_jar_sha256", build.jarSha256());
    versions.put("build_time_utc", build.buildTime());
    versions.put("spark", spark.version());
    versions.put("java", System.getProperty("java.version"));
    m.root.put("master", spark.sparkContext().master());
    ObjectNode sparkNode = m.root.putObject("spark");
    sparkNode.put("application_id", spark.sparkContext().applicationId());
    sparkNode.put("authenticate", spark.sparkContext().getConf().getBoolean("spark.authenticate", false));
    sparkNode.put("default_parallelism", spark.sparkContext().defaultParallelism());
    try {
      ObjectNode configuration = (ObjectNode) JSON.readTree(config.renderJson());
      ManifestRedaction.redact(configuration, config.redaction());
      m.root.set("configuration", configuration);
      m.root.set("seeds", ManifestRedaction.seeds(configuration));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return m;
  }

  /** One input dataset as validation read it (appended to {@code inputs}, in call order). */
  public void input(String dataset, String file, String sha256, long rowsRead, long rowsAccepted, long rowsRejected) {
    ArrayNode inputs = root.has("inputs") ? (ArrayNode) root.get("inputs") : root.putArray("inputs");
    ObjectNode n = inputs.addObject();
    n.put("dataset", dataset);
    n.put("file", file);
    n.put("sha256", sha256);
    n.put("rows_read", rowsRead);
    n.put("rows_accepted", rowsAccepted);
    n.put("rows_rejected", rowsRejected);
  }

  /** Extra facts a step wants traced (seeds, methods chosen); stored under {@code details}. */
  public void detail(String key, Object value) {
    ObjectNode details = root.has("details") ? (ObjectNode) root.get("details") : root.putObject("details");
    details.set(key, JSON.valueToTree(value));
  }

  /** {@code "synthetic_inputs": true} when a scenario used an input row whose source is synthetic. */
  public void syntheticInputs(boolean synthetic) {
    root.put("synthetic_inputs", synthetic);
  }

  public void timings(Map<String, Double> seconds) {
    ObjectNode t = root.putObject("timings_seconds");
    seconds.forEach(t::put);
  }

  public void failed(String reason) {
    root.put("status", "failed");
    root.put("failure", reason == null ? "unknown error" : reason);
  }

  public void write(Path file) {
    if (!root.has("failure")) {
      root.put("status", "succeeded");
    }
    root.put("finished_utc", Instant.now().toString());
    root.put("elapsed_seconds", (System.nanoTime() - startNanos) / 1e9);
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.createDirectories(file.getParent());
      JSON.writeValue(tmp.toFile(), root);
      Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      UncheckedIOException failure = new UncheckedIOException("could not write " + file + ": " + e, e);
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException cleanup) {
        failure.addSuppressed(cleanup);
      }
      throw failure;
    }
  }
}
