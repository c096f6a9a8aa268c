package org.visawaiver.impact.panel;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.visawaiver.impact.config.InputException;

/**
 * The {@code panel} configuration section, typed.
 *
 * @param defaultFeeUsd fee of a day that no visa_policy row covers (regime visa_required)
 * @param feeByDestination per-destination exceptions to {@code defaultFeeUsd}
 * @param startMonth first month kept ({@code YYYY-MM}), empty = no limit
 * @param endMonth last month kept, empty = no limit
 */
public record PanelSettings(
    double defaultFeeUsd, Map<String, Double> feeByDestination, String startMonth, String endMonth) {
  private static final Pattern MONTH = Pattern.compile("\\d{4}-(0[1-9]|1[0-2])");

  public static PanelSettings from(Config panel) {
    try {
      Map<String, Double> byDestination = new TreeMap<>();
      Config overrides = panel.getConfig("default-fee-by-destination");
      for (String destination : overrides.root().keySet()) {
        byDestination.put(destination, overrides.getDouble(destination));
      }
      PanelSettings s = new PanelSettings(panel.getDouble("default-fee-usd"), byDestination,
          panel.getString("start-month"), panel.getString("end-month"));
      s.check();
      return s;
    } catch (ConfigException e) {
      throw new InputException("configuration: panel: " + e.getMessage()
          + "; expected default-fee-usd = 30.0, default-fee-by-destination { THA = 40.0 }, start-month and "
          + "end-month as \"YYYY-MM\" or \"\"; nothing was run", e);
    }
  }

  private void check() {
    for (Map.Entry<String, Double> e : feeByDestination.entrySet()) {
      if (e.getValue() < 0) {
        throw new InputException("configuration: panel.default-fee-by-destination." + e.getKey() + " = "
            + e.getValue() + " is negative; a fee is at least 0; nothing was run");
      }
    }
    if (defaultFeeUsd < 0) {
      throw new InputException("configuration: panel.default-fee-usd = " + defaultFeeUsd
          + " is negative; a fee is at least 0; nothing was run");
    }
    for (String month : new String[] {startMonth, endMonth}) {
      if (!month.isEmpty() && !MONTH.matcher(month).matches()) {
        throw new InputException("configuration: panel.start-month/end-month \"" + month
            + "\" is not YYYY-MM (e.g. 2005-01) or \"\"; nothing was run");
      }
    }
  }
}
