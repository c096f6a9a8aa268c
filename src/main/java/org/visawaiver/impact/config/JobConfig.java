package org.visawaiver.impact.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The resolved configuration of one run. Precedence, handled only here: built-in defaults
 * ({@code conf/application.conf}, packed into the jar) &lt; the configuration file ({@code --conf}) &lt; command-line
 * options ({@code --data}, {@code --out}, {@code --master}) &lt; {@code --set key=value} overrides.
 *
 * <p>Each stage reads its own section through {@link #section(String)} and turns it into a typed,
 * immutable settings value of its own package.
 */
public final class JobConfig {
  private final Config config;
  private final Redaction redaction;

  private JobConfig(Config config, Redaction redaction) {
    this.config = config;
    this.redaction = redaction;
  }

  /** Loads the file (if it exists or was asked for), then applies overrides given as key=value. */
  public static JobConfig load(Path confFile, boolean fileRequired, List<String> overrides) {
    Config defaults = builtInDefaults();
    Config fromFile = ConfigFactory.empty();
    if (confFile != null) {
      if (Files.exists(confFile)) {
        try {
          fromFile =
              ConfigFactory.parseFile(
                  confFile.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
        } catch (ConfigException e) {
          throw new InputException(
              confFile + ": configuration does not parse as HOCON: " + e.getMessage()
                  + "; nothing was run", e);
        }
      } else if (fileRequired) {
        throw new InputException(
            confFile + ": configuration file not found; pass an existing file with --conf "
                + "(default conf/application.conf); nothing was run");
      }
    }
    ConfigKeys known = ConfigKeys.of(defaults);
    try {
      known.check(fromFile.resolveWith(fromFile.withFallback(defaults)), "in " + confFile);
    } catch (ConfigException e) {
      throw new InputException(confFile + ": " + e.getMessage() + "; nothing was run", e);
    }
    Config merged = fromFile.withFallback(defaults);
    for (String override : overrides) {
      int eq = override.indexOf('=');
      if (eq <= 0) {
        throw new InputException(
            "--set \"" + override + "\": expected key=value, e.g. --set validate.max-reject-share=0.05;"
                + " nothing was run");
      }
      String key = override.substring(0, eq).trim();
      String value = override.substring(eq + 1).trim();
      com.typesafe.config.ConfigValue parsedValue;
      try {
        // Parse the value as HOCON so numbers, booleans, lists and quoted strings keep their type.
        parsedValue = ConfigFactory.parseString("v = " + value).getValue("v");
      } catch (ConfigException e) {
        parsedValue = ConfigValueFactory.fromAnyRef(value);
      }
      Config single;
      try {
        single = ConfigFactory.empty().withValue(key, parsedValue);
      } catch (ConfigException e) {
        throw new InputException("--set \"" + key + "=...\": \"" + key + "\" is not a configuration key path ("
            + e.getMessage() + "); quote keys with dots, e.g. spark.conf.\"spark.executor.memory\"=2g; nothing was run", e);
      }
      known.check(single, "given with --set");
      merged = merged.withValue(key, parsedValue);
    }
    try {
      Config resolved = known.sparkPassthrough(merged).resolve();
      return new JobConfig(resolved, Redaction.of(resolved));
    } catch (ConfigException e) {
      throw new InputException("configuration: " + e.getMessage() + "; nothing was run", e);
    }
  }

  /** Built-in defaults only, for tests. */
  public static JobConfig defaults() {
    Config c = builtInDefaults().resolve();
    return new JobConfig(c, Redaction.of(c));
  }

  /** conf/application.conf as packed into the jar (one source for defaults and documentation). */
  private static Config builtInDefaults() {
    return ConfigFactory.parseResources(
        JobConfig.class, "/defaults/application.conf",
        ConfigParseOptions.defaults().setAllowMissing(false));
  }

  /** A copy with one value replaced (command-line options such as --data and --out). */
  public JobConfig with(String key, Object value) {
    Config c = config.withValue(key, ConfigValueFactory.fromAnyRef(value)).resolve();
    return new JobConfig(c, Redaction.of(c));
  }

  public Config section(String path) {
    try {
      return config.getConfig(path);
    } catch (ConfigException e) {
      throw new InputException("configuration: section \"" + path + "\": " + e.getMessage());
    }
  }

  public Config raw() {
    return config;
  }

  /** What of this configuration must never be written: sensitive keys and their values. */
  public Redaction redaction() {
    return redaction;
  }

  public Path dataDir() {
    return Path.of(config.getString("data.dir"));
  }

  public Path outDir() {
    return Path.of(config.getString("output.dir"));
  }

  public String master() {
    return config.getString("spark.master");
  }

  /** The resolved configuration as JSON, for the manifest (secrets are never stored in it). */
  public String renderJson() {
    return config.root().withoutKey("secrets").render(ConfigRenderOptions.concise());
  }
}
