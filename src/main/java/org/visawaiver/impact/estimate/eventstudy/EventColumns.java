package org.visawaiver.impact.estimate.eventstudy;

import java.util.List;
import org.visawaiver.impact.estimate.spec.FixedEffect;

/**
 * The panel columns an event study is made of; the caller names them (the estimator names none).
 *
 * @param treatment the treatment intensity; a unit's cohort is its first period with a positive
 *     value, and the other groups' treatment enters the model as a control
 * @param group the column whose value selects the units of one study (D)
 * @param unit the unit followed over time, a key of one or more columns
 * @param period the period: YYYY-MM months or integers
 */
public record EventColumns(String treatment, String group, FixedEffect unit, String period) {
  /** Every column, for checks. */
  public List<String> all() {
    List<String> out = new java.util.ArrayList<>(List.of(treatment, group, period));
    out.addAll(unit.columns());
    return List.copyOf(out);
  }
}
