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
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.visawaiver.impact.config.JobConfig;
import org.visawaiver.impact.validate.DatasetReport;

/**
 * {@code OUT/manifest.json}: what produced a run. Inputs with sha256 and row counts, the resolved
 * configuration, versions (application, git commit, Spark, Java), timings per step and the status.
 */
public final class RunManifest {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private final ObjectNode root = JSON.createObjectNode();

  private RunManifest() {}

  public static RunManifest start(String command, JobConfig config, SparkSession spark) {
    RunManifest m = new RunManifest();
    m.root.put("command", command);
    m.root.put("started_utc", Instant.now().toString());
    m.root.put("status", "running");
    ObjectNode versions = m.root.putObject("versions");
    versions.put("application", RunManifest.class.getPackage().getImplementationVersion() == null
        ? System.getProperty("waiver.version", "dev")
        : RunManifest.class.getPackage().getImplementationVersion());
    versions.put("git_commit", System.getProperty("waiver.git-commit", "unknown"));
    versions.put("spark", spark.version());
    versions.put("java", System.getProperty("java.version"));
    m.root.put("master", spark.sparkContext().master());
    try {
      m.root.set("configuration", JSON.readTree(config.renderJson()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return m;
  }

  public void inputs(List<DatasetReport> reports) {
    ArrayNode inputs = root.putArray("inputs");
    for (DatasetReport r : reports) {
      ObjectNode n = inputs.addObject();
      n.put("dataset", r.dataset());
      n.put("file", r.file());
      n.put("sha256", r.sha256());
      n.put("rows_read", r.rowsRead());
      n.put("rows_accepted", r.rowsAccepted());
      n.put("rows_rejected", r.rowsRejected());
    }
  }

  /** Extra facts a step wants traced (seeds, methods chosen); stored under {@code details}. */
  public void detail(String key, Object value) {
    ObjectNode details = root.has("details") ? (ObjectNode) root.get("details") : root.putObject("details");
    details.set(key, JSON.valueToTree(value));
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
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      JSON.writeValue(tmp.toFile(), root);
      Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file, e);
    }
  }

  public static String summarise(List<DatasetReport> reports) {
    return reports.stream()
        .map(r -> r.dataset() + " " + r.rowsRead() + " read / " + r.rowsAccepted() + " accepted / "
            + r.rowsRejected() + " rejected")
        .collect(Collectors.joining("; "));
  }
}
