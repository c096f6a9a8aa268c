package org.visawaiver.impact.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What counts as a credential and how it is hidden. A configuration key matching Spark's own
 * redaction rule ({@link #SPARK_PATTERN}, the default of {@code spark.redaction.regex}) or one of
 * {@code redaction.extra-key-patterns} is sensitive: its value is replaced by {@link #REDACTED} in
 * manifest.json, and the values themselves are scrubbed from every text the job writes about a run
 * (error messages, FAILED files, the lock file, log lines of the job). Spark gets the same combined
 * pattern as {@code spark.redaction.regex}, so its own logs and UI hide the same keys.
 */
public final class Redaction {
  /** Spark 3.5's default {@code spark.redaction.regex}. */
  public static final String SPARK_PATTERN = "(?i)secret|password|token|access[.]?key";
  public static final String REDACTED = "*********(redacted)";
  static final String EXTRA_PATTERNS = "redaction.extra-key-patterns";
  private static final int SHORTEST_SCRUBBED_VALUE = 4;

  private final Pattern keys;
  private final List<String> secretValues;

  private Redaction(Pattern keys, List<String> secretValues) {
    this.keys = keys;
    this.secretValues = secretValues;
  }

  /** Spark's pattern only, for text written before a configuration exists. */
  public static Redaction sparkDefault() {
    return new Redaction(Pattern.compile(SPARK_PATTERN), List.of());
  }

  static Redaction of(Config config) {
    List<String> patterns = new ArrayList<>(List.of(SPARK_PATTERN));
    if (config.hasPath(EXTRA_PATTERNS)) {
      patterns.addAll(config.getStringList(EXTRA_PATTERNS));
    }
    Pattern keys;
    try {
      keys = Pattern.compile(String.join("|", patterns.stream().map(p -> "(?:" + p + ")").toList()));
    } catch (PatternSyntaxException | ConfigException e) {
      throw new InputException("configuration: " + EXTRA_PATTERNS + ": " + e.getMessage()
          + "; expected a list of Java regular expressions, e.g. [\"(?i)credential\"]; nothing was run", e);
    }
    List<String> values = new ArrayList<>();
    for (Map.Entry<String, ConfigValue> e : config.entrySet()) {
      ConfigValue v = e.getValue();
      if (keys.matcher(e.getKey()).find() && v.valueType() == ConfigValueType.STRING) {
        String s = String.valueOf(v.unwrapped());
        if (s.length() >= SHORTEST_SCRUBBED_VALUE) {
          values.add(s);
        }
      }
    }
    // Longest first, so a value that contains another is replaced whole.
    values.sort(Comparator.comparingInt(String::length).reversed());
    return new Redaction(keys, List.copyOf(values));
  }

  /** True when a value under this key (any path or name) must not be written anywhere. */
  public boolean sensitive(String key) {
    return keys.matcher(key).find();
  }

  /** The combined key pattern, given to Spark as {@code spark.redaction.regex}. */
  public String keyPattern() {
    return keys.pattern();
  }

  /**
   * The text with every sensitive configuration value replaced, and with the value of any
   * {@code key=value} or {@code key: value} whose key is sensitive replaced too (a value Spark or a
   * library quotes back in a message).
   */
  public String scrub(String text) {
    if (text == null) {
      return null;
    }
    String out = text;
    for (String v : secretValues) {
      out = out.replace(v, REDACTED);
    }
    Matcher m = ASSIGNMENT.matcher(out);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String replacement = sensitive(m.group(1)) ? m.group(1) + m.group(2) + REDACTED : m.group();
      m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  private static final Pattern ASSIGNMENT =
      Pattern.compile("([A-Za-z0-9_.\"-]+)(\\s*[=:]\\s*)((?!\\*)[^\\s,;)\"]+)");
}
