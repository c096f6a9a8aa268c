package org.visawaiver.impact.scenario.draws;

import java.nio.charset.StandardCharsets;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * Common random numbers: one independent random stream per (seed, key), where the key names what
 * is drawn (the effect of one model and source, the baseline of one origin, one parameter), never
 * the scenario. Two scenarios that draw the same thing with the same seed get the same numbers, so
 * an origin's rows agree across scenarios and differences between scenarios are not Monte Carlo
 * noise.
 */
public final class RandomStreams {
  /** Seeds stay below 10^15: spreadsheets show 15 significant digits, so a seed column is exact. */
  static final long LIMIT = 1_000_000_000_000_000L;

  private RandomStreams() {}

  /** The stream of {@code key} under {@code seed}: Well19937c seeded with {@link #derive}. */
  public static RandomGenerator of(long seed, String key) {
    return new Well19937c(derive(seed, key));
  }

  /** splitmix64(seed XOR fnv1a64(UTF-8 key)) modulo 10^15. */
  public static long derive(long seed, String key) {
    long h = 0xcbf29ce484222325L;
    for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    long z = seed ^ h;
    z += 0x9e3779b97f4a7c15L;
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    z = z ^ (z >>> 31);
    return Math.floorMod(z, LIMIT);
  }

  /** The key of a scenario destination's baseline forecast error for one origin. */
  public static String baselineKey(String destination, String origin) {
    return "baseline:" + destination + ":" + origin;
  }

  /** The key of one uncertain parameter column (common to all origins: see docs/scenarios.md). */
  public static String parameterKey(String destination, String column) {
    return "parameter:" + destination + ":" + column;
  }

  /** The key of the effect draws of one model and effect source. */
  public static String effectKey(String model, String source) {
    return "effect:" + model + ":" + source;
  }
}
