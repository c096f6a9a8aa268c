package org.visawaiver.impact.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which configuration keys exist: exactly the keys of the built-in defaults
 * ({@code conf/application.conf}), so a key added there is known everywhere at once and there is
 * no second list to keep in step. Two kinds of open places:
 *
 * <ul>
 *   <li>an object that is empty in the defaults (e.g. {@code panel.default-fee-by-destination {}},
 *       {@code secrets {}}) is a map: any key below it is allowed;
 *   <li>the Spark passthrough: {@code spark.conf."spark.x.y"}, and any other {@code spark.x.y}
 *       that is not one of the job's own spark keys ({@code spark.app-name}, {@code spark.master}),
 *       which {@link #sparkPassthrough} moves to {@code spark.conf."spark.x.y"} so it reaches the
 *       SparkConf.
 * </ul>
 *
 * A key outside these stops the run (exit status 2) naming the nearest known key, so a typo such
 * as {@code validate.max-reject-shares} is never silently ignored.
 */
public final class ConfigKeys {
  static final String SPARK = "spark";
  static final String SPARK_CONF = "spark.conf";

  private final Set<String> leaves = new TreeSet<>();
  private final Set<String> openMaps = new TreeSet<>();

  private ConfigKeys(Config defaults) {
    collect(defaults.root(), List.of());
  }

  public static ConfigKeys of(Config defaults) {
    return new ConfigKeys(defaults);
  }

  private void collect(ConfigObject object, List<String> prefix) {
    for (Map.Entry<String, ConfigValue> e : object.entrySet()) {
      List<String> parts = new ArrayList<>(prefix);
      parts.add(e.getKey());
      String path = ConfigUtil.joinPath(parts);
      ConfigValue v = e.getValue();
      if (v.valueType() == ConfigValueType.OBJECT) {
        ConfigObject child = (ConfigObject) v;
        if (child.isEmpty() || path.equals(SPARK_CONF)) {
          openMaps.add(path);
        } else {
          collect(child, parts);
        }
      } else {
        leaves.add(path);
      }
    }
  }

  /** True when {@code path} (HOCON path syntax) may be set. */
  public boolean isKnown(String path) {
    List<String> parts = ConfigUtil.splitPath(path);
    String joined = ConfigUtil.joinPath(parts);
    if (leaves.contains(joined)) {
      return true;
    }
    for (String map : openMaps) {
      if (joined.startsWith(map + ".") || joined.equals(map)) {
        return true;
      }
    }
    // A prefix of known leaves set as a whole object (scenario.defaults = {...}) is checked by
    // its own keys: the caller passes leaf paths.
    return parts.size() >= 2 && parts.get(0).equals(SPARK);
  }

  /** The known key closest to {@code path} by edit distance (ties: the shorter). */
  public String nearest(String path) {
    String target = path.toLowerCase(Locale.ROOT);
    List<String> all = new ArrayList<>(leaves);
    all.addAll(openMaps);
    return all.stream()
        .min(Comparator.comparingInt((String k) -> distance(k.toLowerCase(Locale.ROOT), target))
            .thenComparingInt(String::length))
        .orElse("");
  }

  /** Stops with the unknown key and the nearest known one; {@code origin} says where it was set. */
  public void check(Config given, String origin) {
    for (Map.Entry<String, ConfigValue> e : given.entrySet()) {
      String key = e.getKey();
      if (!isKnown(key)) {
        throw new InputException("configuration: unknown key \"" + key + "\" (" + origin
            + "); did you mean \"" + nearest(key) + "\"? Known keys are those of conf/application.conf"
            + " (Spark settings go under spark.conf.\"spark....\" or as spark.*); nothing was run");
      }
    }
  }

  /**
   * {@code spark.x.y = v} (any key under spark other than the job's own ones and spark.conf) becomes
   * {@code spark.conf."spark.x.y" = v}, so Spark settings can be given the way Spark spells them.
   */
  public Config sparkPassthrough(Config merged) {
    if (!merged.hasPath(SPARK)) {
      return merged;
    }
    Config result = merged;
    for (Map.Entry<String, ConfigValue> e : merged.getConfig(SPARK).entrySet()) {
      String key = e.getKey();
      String full = SPARK + "." + key;
      if (leaves.contains(full) || key.startsWith("conf.")) {
        continue;
      }
      List<String> parts = ConfigUtil.splitPath(key);
      String sparkName = SPARK + "." + String.join(".", parts);
      result = result.withoutPath(full)
          .withValue(SPARK_CONF + "." + ConfigUtil.quoteString(sparkName), e.getValue());
      // spark.authenticate.secret leaves spark.authenticate = {} behind: remove such shells.
      for (int i = parts.size() - 1; i >= 1; i--) {
        String parent = SPARK + "." + ConfigUtil.joinPath(parts.subList(0, i));
        if (result.hasPathOrNull(parent) && result.getValue(parent) instanceof ConfigObject o && o.isEmpty()) {
          result = result.withoutPath(parent);
        }
      }
    }
    return result;
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
