package org.visawaiver.impact.estimate.spec;

/**
 * A model that cannot be estimated as specified: a formula that does not parse, a column missing
 * from the panel, an outcome that is zero everywhere, no regressor left after the drop rules, bad
 * {@code estimate.*} settings. Bad input like {@code config.EstimationException}, and mapped to exit
 * status 2 the same way ({@code pipeline.ExitStatus}), but the estimator's own type, so estimation
 * does not depend on configuration for its errors. Lives in {@code spec}, the package every
 * estimation package already depends on. The message names the model, the rule, an example and the
 * consequence.
 */
public class EstimationException extends RuntimeException {
  public EstimationException(String message) {
    super(message);
  }

  public EstimationException(String message, Throwable cause) {
    super(message, cause);
  }
}
