package org.visawaiver.impact.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Published annual arrivals of one nationality (or, for Thailand, country of residence) in one
 * destination, with their citation (resource {@code sample/calibration_targets.csv}: facts.md, the
 * Thai ministry table of the reference data, and Cambodia's ministry figures for Australians as
 * tabulated by Wikipedia). The sample's annual sums of these (destination, origin, year) equal them
 * exactly; see {@link ArrivalsSimulator}.
 */
final class CalibrationTargets {
  /** One published figure. */
  record Target(String destination, String origin, int year, long arrivals, String source) {}

  private final Map<String, TreeMap<Integer, Target>> byPair;

  private CalibrationTargets(Map<String, TreeMap<Integer, Target>> byPair) {
    this.byPair = byPair;
  }

  /** No published figure: every pair synthetic (an uncalibrated world, where the model holds exactly). */
  static CalibrationTargets none() {
    return new CalibrationTargets(Map.of());
  }

  static CalibrationTargets load() {
    Map<String, TreeMap<Integer, Target>> byPair = new TreeMap<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        CalibrationTargets.class.getResourceAsStream("/sample/calibration_targets.csv"), StandardCharsets.UTF_8))) {
      r.readLine();
      String line;
      while ((line = r.readLine()) != null) {
        String[] f = line.split(",", 5);
        String source = f[4].startsWith("\"") ? f[4].substring(1, f[4].length() - 1).replace("\"\"", "\"") : f[4];
        Target t = new Target(f[0], f[1], Integer.parseInt(f[2]), Long.parseLong(f[3]), source);
        byPair.computeIfAbsent(f[0] + "," + f[1], k -> new TreeMap<>()).put(t.year(), t);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new CalibrationTargets(byPair);
  }

  /** The figures of one pair by year; empty when the pair is synthetic. */
  Map<Integer, Target> of(String destination, String origin) {
    TreeMap<Integer, Target> t = byPair.get(destination + "," + origin);
    return t == null ? Map.of() : Collections.unmodifiableMap(t);
  }

  List<Target> all() {
    List<Target> all = new ArrayList<>();
    byPair.values().forEach(m -> all.addAll(m.values()));
    return all;
  }
}
