package org.visawaiver.impact.scenario;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueType;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.visawaiver.impact.config.InputException;
import org.visawaiver.impact.scenario.transfer.TauPosterior;

/**
 * The {@code scenario} section of the configuration as typed, validated values.
 *
 * @param scenarios the scenarios in configured order, defaults applied
 * @param pooledOver the destinations whose waiver coefficients {@code effect-from = pooled} pools
 * @param baselineShocks how the baseline's forecast error is drawn across months
 * @param xlsx whether to write scenarios/scenarios.xlsx as well
 * @param discountRate annual rate of the net present values in scenario_summary.csv
 * @param tauPriorScale the half-normal prior scale of tau for {@code effect-from = predictive}
 */
public record ScenarioSettings(
    List<ScenarioSpec> scenarios,
    List<String> pooledOver,
    BaselineShocks baselineShocks,
    boolean xlsx,
    double discountRate,
    double tauPriorScale) {

  /** How the baseline forecast error of one origin is drawn over the months of one draw. */
  public enum BaselineShocks {
    /** One standard normal per draw and origin for all months: forecast level errors persist. */
    PERSISTENT,
    /** A fresh standard normal per draw, origin and month. */
    INDEPENDENT
  }

  /** Keys a scenario in {@code scenario.list} (or {@code scenario.defaults}) may set. */
  static final Set<String> SCENARIO_KEYS =
      Set.of(
          "name", "destination", "origins", "start-month", "stay-days", "effect-from",
          "ramp-up-months", "horizon-months", "mc-draws", "seed");

  public ScenarioSettings {
    scenarios = List.copyOf(scenarios);
    pooledOver = List.copyOf(pooledOver);
  }

  /** With the default tau prior scale. */
  public ScenarioSettings(
      List<ScenarioSpec> scenarios, List<String> pooledOver, BaselineShocks baselineShocks, boolean xlsx,
      double discountRate) {
    this(scenarios, pooledOver, baselineShocks, xlsx, discountRate, TauPosterior.DEFAULT_SCALE);
  }

  /** With the default discount rate. */
  public ScenarioSettings(
      List<ScenarioSpec> scenarios, List<String> pooledOver, BaselineShocks baselineShocks, boolean xlsx) {
    this(scenarios, pooledOver, baselineShocks, xlsx, ScenarioProjector.DEFAULT_DISCOUNT_RATE);
  }

  /** Reads the {@code scenario} section; every problem is an {@link InputException}. */
  public static ScenarioSettings from(Config section) {
    try {
      Config defaults = section.hasPath("defaults") ? section.getConfig("defaults") : ConfigFactory.empty();
      checkKeys(defaults, "scenario.defaults");
      // scenario.horizon-months and scenario.mc-draws are the defaults of the per-scenario keys
      Config base =
          defaults
              .withFallback(section.withOnlyPath("horizon-months"))
              .withFallback(section.withOnlyPath("mc-draws"));
      long baseSeed = section.getLong("seed");
      List<ScenarioSpec> specs = new ArrayList<>();
      Set<String> names = new HashSet<>();
      List<? extends Config> list = section.getConfigList("list");
      if (list.isEmpty()) {
        throw new InputException("configuration scenario.list is empty: configure at least one scenario"
            + " (e.g. { name = \"waiver_KOR\", origins = [\"KOR\"] }); no scenarios were projected");
      }
      for (int i = 0; i < list.size(); i++) {
        String where = "scenario.list[" + i + "]";
        checkKeys(list.get(i), where);
        Config c = list.get(i).withFallback(base);
        ScenarioSpec spec = spec(c, where, baseSeed);
        if (!names.add(spec.name())) {
          throw new InputException("configuration " + where + ": scenario name \"" + spec.name()
              + "\" is used twice; names must be unique (they key the output rows); no scenarios were projected");
        }
        specs.add(spec);
      }
      List<String> pooled = pooledOver(section);
      if (pooled.isEmpty()) {
        throw new InputException("configuration scenario.pooled-over is empty: list the destinations whose"
            + " waiver effects 'pooled' and 'predictive' summarise, e.g. [\"VNM\", \"THA\", \"LAO\"]; no"
            + " scenarios were projected");
      }
      String shocks = section.hasPath("baseline-shocks") ? section.getString("baseline-shocks") : "persistent";
      BaselineShocks mode;
      try {
        mode = BaselineShocks.valueOf(shocks.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new InputException("configuration scenario.baseline-shocks: \"" + shocks
            + "\" is not persistent or independent; no scenarios were projected");
      }
      boolean xlsx = !section.hasPath("xlsx") || section.getBoolean("xlsx");
      double rate =
          section.hasPath("discount-rate") ? section.getDouble("discount-rate") : ScenarioProjector.DEFAULT_DISCOUNT_RATE;
      if (!(rate > -1) || !Double.isFinite(rate)) {
        throw new InputException("configuration scenario.discount-rate = " + rate + " must be a number above -1"
            + " (0.05 = 5 % a year); no scenarios were projected");
      }
      return new ScenarioSettings(specs, pooled, mode, xlsx, rate, tauPriorScale(section));
    } catch (ConfigException e) {
      throw new InputException("configuration scenario: " + e.getMessage() + "; no scenarios were projected", e);
    }
  }

  /**
   * {@code scenario.pooled-over}: the destinations whose waiver effects {@code pooled} and
   * {@code predictive} summarise (and estimates/transfer.csv describes); VNM, THA, LAO if unset.
   */
  public static List<String> pooledOver(Config section) {
    return section.hasPath("pooled-over") ? section.getStringList("pooled-over") : List.of("VNM", "THA", "LAO");
  }

  /**
   * {@code scenario.tau-prior-scale}: the scale of the half-normal prior of the between-destination
   * standard deviation tau (log points) in estimates/transfer.csv's bayes_* columns; 0.5 if unset.
   *
   * @throws InputException when it is not a positive, finite number
   */
  public static double tauPriorScale(Config section) {
    if (!section.hasPath("tau-prior-scale")) {
      return TauPosterior.DEFAULT_SCALE;
    }
    double s;
    try {
      s = section.getDouble("tau-prior-scale");
    } catch (ConfigException e) {
      throw new InputException("configuration scenario.tau-prior-scale: " + e.getMessage()
          + "; expected a positive number of log points, e.g. 0.5; no transfer summary was written", e);
    }
    if (!(s > 0) || !Double.isFinite(s)) {
      throw new InputException("configuration scenario.tau-prior-scale = " + s + " must be a positive number of"
          + " log points (the half-normal prior scale of tau, e.g. 0.5); no transfer summary was written");
    }
    return s;
  }

  private static ScenarioSpec spec(Config c, String where, long baseSeed) {
    if (!c.hasPath("name") || c.getString("name").isBlank()) {
      throw new InputException("configuration " + where + ": a scenario needs a name, e.g. name = \"waiver_KOR\";"
          + " no scenarios were projected");
    }
    String name = c.getString("name");
    String at = where + " (" + name + ")";
    List<String> origins = c.hasPath("origins") ? c.getStringList("origins") : List.of();
    if (origins.isEmpty()) {
      throw new InputException("configuration " + at + ": origins is empty; list the nationalities that get"
          + " the waiver, e.g. origins = [\"KOR\"]; no scenarios were projected");
    }
    if (new HashSet<>(origins).size() != origins.size()) {
      throw new InputException("configuration " + at + ": origins " + origins + " repeat a country;"
          + " no scenarios were projected");
    }
    YearMonth start;
    try {
      start = YearMonth.parse(c.getString("start-month"));
    } catch (DateTimeParseException e) {
      throw new InputException("configuration " + at + ": start-month \"" + c.getString("start-month")
          + "\" is not YYYY-MM, e.g. 2027-01; no scenarios were projected");
    }
    int stay = positive(c, "stay-days", at, 1);
    int ramp = positive(c, "ramp-up-months", at, 0);
    int horizon = positive(c, "horizon-months", at, 1);
    int draws = positive(c, "mc-draws", at, 1);
    String effect =
        c.getValue("effect-from").valueType() == ConfigValueType.NUMBER
            ? c.getValue("effect-from").unwrapped().toString()
            : c.getString("effect-from");
    // common random numbers: every scenario draws from the same base seed unless it sets its own
    long seed = c.hasPath("seed") ? c.getLong("seed") : baseSeed;
    return new ScenarioSpec(
        name, c.getString("destination"), origins, start, stay, EffectSource.parse(effect, at),
        ramp, horizon, draws, seed);
  }

  private static int positive(Config c, String key, String at, int min) {
    int v = c.getInt(key);
    if (v < min) {
      throw new InputException("configuration " + at + ": " + key + " = " + v + " must be at least " + min
          + "; no scenarios were projected");
    }
    return v;
  }

  private static void checkKeys(Config c, String where) {
    Set<String> unknown = new TreeSet<>(c.root().keySet());
    unknown.removeAll(SCENARIO_KEYS);
    if (!unknown.isEmpty()) {
      throw new InputException("configuration " + where + ": unknown key(s) " + unknown + "; a scenario knows "
          + new TreeSet<>(SCENARIO_KEYS) + "; no scenarios were projected");
    }
  }
}
