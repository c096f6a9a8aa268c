package org.visawaiver.impact.scenario;

import java.time.YearMonth;
import java.util.List;

/**
 * One waiver scenario, fully resolved from the configuration (defaults applied).
 *
 * @param name unique name, written in the {@code scenario} column
 * @param destination the country that waives visas, e.g. KHM
 * @param origins the nationalities that get the waiver
 * @param startMonth the first month of the waiver and of the projection
 * @param stayDays permitted visa-free stay, enters the effect as ln(stay / 30)
 * @param effect which estimated effect to borrow
 * @param rampUpMonths months over which the effect rises linearly to its full size (0 = at once)
 * @param horizonMonths months projected from {@code startMonth}
 * @param draws Monte Carlo draws
 * @param seed the seed of this scenario's random numbers (derived or configured)
 */
public record ScenarioSpec(
    String name,
    String destination,
    List<String> origins,
    YearMonth startMonth,
    int stayDays,
    EffectSource effect,
    int rampUpMonths,
    int horizonMonths,
    int draws,
    long seed) {
  public ScenarioSpec {
    origins = List.copyOf(origins);
  }

  /**
   * Share of the full effect reached in projection month {@code h} (0 = start month): linear
   * ramp-up, {@code min(1, (h + 1) / rampUpMonths)}, so month {@code rampUpMonths} is the first at
   * full effect.
   */
  public double ramp(int h) {
    return rampUpMonths <= 0 ? 1.0 : Math.min(1.0, (h + 1) / (double) rampUpMonths);
  }
}
