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
 * collects every {@code *seed} setting (also inside lists), so the seeds of a run are in one place.
 */
final class ManifestRedaction {
  static final String REDACTED = "*********(redacted)";
  private static final Pattern SENSITIVE = Pattern.compile("(?i)secret|password|token|credential");

  private ManifestRedaction() {}

  static void redact(JsonNode node) {
    if (node.isArray()) {
      node.forEach(ManifestRedaction::redact);
      return;
    }
    if (!(node instanceof ObjectNode object)) {
      return;
    }
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    for (String name : names) {
      if (SENSITIVE.matcher(name).find()) {
        object.put(name, REDACTED);
      } else {
        redact(object.get(name));
      }
    }
  }

  /** {"scenario.seed": 20260101, ...}: every setting whose key ends in "seed", by full path. */
  static ObjectNode seeds(ObjectNode configuration) {
    ObjectNode seeds = JsonNodeFactory.instance.objectNode();
    collectSeeds(configuration, "", seeds);
    return seeds;
  }

  /** Walks objects and lists (a scenario in scenario.list may carry its own seed). */
  private static void collectSeeds(JsonNode node, String prefix, ObjectNode seeds) {
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collectSeeds(node.get(i), prefix + "[" + i + "]", seeds);
      }
      return;
    }
    for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) node::fields) {
      String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
      if (e.getValue().isContainerNode()) {
        collectSeeds(e.getValue(), path, seeds);
      } else if (e.getKey().toLowerCase(java.util.Locale.ROOT).endsWith("seed")) {
        seeds.set(path, e.getValue());
      }
    }
  }
}
