package org.visawaiver.impact.pipeline;

import org.visawaiver.impact.config.InputException;
import org.visawaiver.impact.estimate.spec.EstimationException;

/**
 * The exit status of a command from what ended it: 0 done; 2 bad input or configuration (an
 * {@link InputException} or an {@link EstimationException} anywhere in the cause chain, also when
 * Spark wrapped it); 1 anything else,
 * checked exceptions from Scala code (SparkException) and errors included.
 */
public final class ExitStatus {
  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int BAD_INPUT = 2;

  private ExitStatus() {}

  public static int of(Throwable t) {
    return inputProblem(t) != null ? BAD_INPUT : FAILED;
  }

  /** The first {@link InputException} or {@link EstimationException} in the cause chain, or null. */
  public static RuntimeException inputProblem(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof InputException || c instanceof EstimationException) {
        return (RuntimeException) c;
      }
    }
    return null;
  }

  /**
   * One line for the user: the input problem's own message (it names file, rule and consequence),
   * otherwise the exception and, when different, its root cause.
   */
  public static String describe(Throwable t) {
    RuntimeException input = inputProblem(t);
    if (input != null) {
      return input.getMessage();
    }
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == t ? t.toString() : t + "; cause: " + root;
  }
}
