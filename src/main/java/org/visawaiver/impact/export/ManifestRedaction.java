package org.visawaiver.impact.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.visawaiver.impact.config.Redaction;

/**
 * What of the resolved configuration may go into {@code manifest.json}: values under keys that look
 * like credentials ({@link Redaction}: Spark's own rule plus {@code redaction.extra-key-patterns})
 * are replaced, so a secret given with {@code --set} or in a configuration file never lands in an
 * output folder. Also
 * collects every {@code *seed} setting (also inside lists), so the seeds of a run are in one place.
 */
final class ManifestRedaction {
  static final String REDACTED = Redaction.REDACTED;

  private ManifestRedaction() {}

  static void redact(JsonNode node, Redaction rules) {
    if (node.isArray()) {
      node.forEach(n -> redact(n, rules));
      return;
    }
    if (!(node instanceof ObjectNode object)) {
      return;
    }
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    for (String name : names) {
      if (rules.sensitive(name)) {
        object.put(name, REDACTED);
      } else {
        redact(object.get(name), rules);
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
