package org.visawaiver.impact.scenario;

import java.nio.charset.StandardCharsets;

/**
 * The seed of each scenario, derived from the base seed and the scenario's name, so scenarios have
 * independent random numbers, adding or reordering scenarios changes no other scenario's numbers,
 * and the same configuration always gives the same files.
 */
public final class ScenarioSeeds {
  /** Seeds stay below 10^15: spreadsheets show 15 significant digits, so the seed column is exact. */
  static final long LIMIT = 1_000_000_000_000_000L;

  private ScenarioSeeds() {}

  /** splitmix64(base XOR fnv1a64(UTF-8 name)) modulo 10^15. */
  public static long derive(long baseSeed, String name) {
    long h = 0xcbf29ce484222325L;
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    long z = baseSeed ^ h;
    z += 0x9e3779b97f4a7c15L;
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    z = z ^ (z >>> 31);
    return Math.floorMod(z, LIMIT);
  }
}
