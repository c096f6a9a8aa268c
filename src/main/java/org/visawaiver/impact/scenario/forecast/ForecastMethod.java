package org.visawaiver.impact.scenario.forecast;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.visawaiver.impact.config.InputException;

/** The forecasting methods by the name used in configuration ({@code forecast.method}). */
public enum ForecastMethod {
  SEASONAL_NAIVE("seasonal_naive"),
  ETS("ets"),
  ETS_DAMPED("ets_damped"),
  THETA("theta"),
  /** Geometric mean of the four above (see {@link Combination}). */
  COMBINATION("combination");

  private final String configName;

  ForecastMethod(String configName) {
    this.configName = configName;
  }

  public String configName() {
    return configName;
  }

  /** A fresh model of this method (models are stateless; one per call is cheap). */
  public SeriesModel model() {
    return switch (this) {
      case SEASONAL_NAIVE -> new SeasonalNaive();
      case ETS -> ExponentialSmoothing.additiveTrend();
      case ETS_DAMPED -> ExponentialSmoothing.dampedTrend();
      case THETA -> new ThetaMethod();
      case COMBINATION -> new Combination(combinationMembers().stream().map(ForecastMethod::model).toList());
    };
  }

  /** The members of the combination. */
  public static List<ForecastMethod> combinationMembers() {
    return List.of(SEASONAL_NAIVE, ETS, ETS_DAMPED, THETA);
  }

  public static ForecastMethod fromConfig(String name) {
    for (ForecastMethod m : values()) {
      if (m.configName.equals(name)) {
        return m;
      }
    }
    throw new InputException(
        "configuration forecast.method: \"" + name + "\" is not a forecasting method; expected one of "
            + Arrays.stream(values()).map(ForecastMethod::configName).collect(Collectors.joining(", "))
            + " (e.g. forecast.method = \"combination\"); nothing was run");
  }
}
