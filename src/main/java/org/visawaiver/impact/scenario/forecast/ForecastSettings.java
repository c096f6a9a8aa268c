package org.visawaiver.impact.scenario.forecast;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.io.Serializable;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.visawaiver.impact.config.InputException;

/**
 * The {@code forecast} configuration section, typed.
 *
 * @param method the forecasting method
 * @param fitStart first month used to fit, or null for the first observed month
 * @param fitEnd last month used to fit, or null for the last observed month
 * @param breaks month ranges (inclusive) kept out of the fit: a collapse and its recovery
 * @param minFitMonths the least span (months) of history for {@code method}; shorter histories fall
 *     back to seasonal naive (at least 12 months) or a flat level
 * @param rescaleMonths how many of the latest observed months after a break set the level of a
 *     forecast fitted before it
 */
public record ForecastSettings(
    ForecastMethod method,
    YearMonth fitStart,
    YearMonth fitEnd,
    List<MonthRange> breaks,
    int minFitMonths,
    int rescaleMonths)
    implements Serializable {
  /** The configured method needs two full years for its seasonal start values. */
  public static final int LEAST_MIN_FIT_MONTHS = 24;

  public ForecastSettings {
    breaks = List.copyOf(breaks);
    if (minFitMonths < LEAST_MIN_FIT_MONTHS) {
      throw new InputException(
          "configuration forecast.min-fit-months: " + minFitMonths + " is below "
              + LEAST_MIN_FIT_MONTHS + " (two years for the seasonal start values), e.g. 36;"
              + " nothing was run");
    }
    if (rescaleMonths < 1) {
      throw new InputException(
          "configuration forecast.rescale-months: " + rescaleMonths
              + " must be at least 1, e.g. 12; nothing was run");
    }
  }

  /** An inclusive range of months. */
  public record MonthRange(YearMonth from, YearMonth to) implements Serializable {
    public boolean contains(YearMonth m) {
      return !m.isBefore(from) && !m.isAfter(to);
    }
  }

  public static ForecastSettings fromConfig(Config section) {
    try {
      List<String> months = section.getStringList("intervention-months");
      if (months.size() % 2 != 0) {
        throw new InputException(
            "configuration forecast.intervention-months: " + months + " has " + months.size()
                + " months; expected pairs of first and last month of each break, e.g. "
                + "[\"2020-02\", \"2023-06\"]; nothing was run");
      }
      List<MonthRange> breaks = new ArrayList<>();
      for (int i = 0; i < months.size(); i += 2) {
        YearMonth from = month("intervention-months", months.get(i));
        YearMonth to = month("intervention-months", months.get(i + 1));
        if (to.isBefore(from)) {
          throw new InputException(
              "configuration forecast.intervention-months: break " + from + " .. " + to
                  + " ends before it starts; expected [first, last] pairs; nothing was run");
        }
        breaks.add(new MonthRange(from, to));
      }
      return new ForecastSettings(
          ForecastMethod.fromConfig(section.getString("method")),
          optionalMonth(section, "fit-start-month"),
          optionalMonth(section, "fit-end-month"),
          breaks,
          section.getInt("min-fit-months"),
          section.getInt("rescale-months"));
    } catch (ConfigException e) {
      throw new InputException("configuration section forecast: " + e.getMessage() + "; nothing was run", e);
    }
  }

  private static YearMonth optionalMonth(Config section, String key) {
    String value = section.getString(key).trim();
    return value.isEmpty() ? null : month(key, value);
  }

  private static YearMonth month(String key, String value) {
    try {
      return YearMonth.parse(value.trim());
    } catch (DateTimeParseException e) {
      throw new InputException(
          "configuration forecast." + key + ": \"" + value + "\" is not a month YYYY-MM, e.g. "
              + "\"2019-12\"; nothing was run", e);
    }
  }

  /** Whether {@code m} lies in a configured break. */
  public boolean inBreak(YearMonth m) {
    return breaks.stream().anyMatch(b -> b.contains(m));
  }

  /** Whether {@code m} lies in the configured fit window. */
  public boolean inFitWindow(YearMonth m) {
    return (fitStart == null || !m.isBefore(fitStart)) && (fitEnd == null || !m.isAfter(fitEnd));
  }
}
