package org.visawaiver.impact.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What of the resolved configuration may go into {@code manifest.json}: values under keys that look
 * like credentials (Spark's own redaction rule: secret, password, token) are replaced, so a secret
 * given with {@code --set} or in a configuration file never lands in an output folder. Also
 * collects every {@code *seed} setting, so the seeds of a run are found in one place.
 */
final class ManifestRedaction {
  static final String REDACTED = "*********(redacted)";
  private static final Pattern SENSITIVE = Pattern.compile("(?i)secret|password|token|credential");

  private ManifestRedaction() {}

  static void redact(ObjectNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    for (String name : names) {
      JsonNode child = node.get(name);
      if (SENSITIVE.matcher(name).find()) {
        node.put(name, REDACTED);
      } else if (child instanceof ObjectNode o) {
        redact(o);
      }
    }
  }

  /** {"scenario.seed": 20260101, ...}: every setting whose key ends in "seed", by full path. */
  static ObjectNode seeds(ObjectNode configuration) {
    ObjectNode seeds = JsonNodeFactory.instance.objectNode();
    collectSeeds(configuration, "", seeds);
    return seeds;
  }

  private static void collectSeeds(JsonNode node, String prefix, ObjectNode seeds) {
    for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) node::fields) {
      String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
      if (e.getValue().isObject()) {
        collectSeeds(e.getValue(), path, seeds);
      } else if (e.getKey().toLowerCase(java.util.Locale.ROOT).endsWith("seed")) {
        seeds.set(path, e.getValue());
      }
    }
  }
}
