package org.visawaiver.impact.estimate.spec;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The estimators a model can use, by the name a configuration gives them. */
public enum Estimator {
  /** Poisson pseudo-maximum likelihood by iteratively reweighted least squares. */
  PPML("ppml"),
  /** Least squares on log(outcome) by the within transformation; zero outcomes drop. */
  OLS("ols");

  private final String configName;

  Estimator(String configName) {
    this.configName = configName;
  }

  public String configName() {
    return configName;
  }

  public static Estimator parse(String text, String where) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    for (Estimator e : values()) {
      if (e.configName.equals(t) || (e == PPML && (t.equals("poisson") || t.equals("fepois")))
          || (e == OLS && t.equals("feols"))) {
        return e;
      }
    }
    throw new EstimationException(
        where + ": unknown estimator \"" + text + "\"; expected one of "
            + Arrays.stream(values()).map(Estimator::configName).collect(Collectors.joining(", "))
            + "; nothing was estimated");
  }
}
