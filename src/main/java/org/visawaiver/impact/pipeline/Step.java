package org.visawaiver.impact.pipeline;

/** The pipeline's steps, in order; a command runs every step up to and including its own. */
public enum Step {
  VALIDATE,
  PANEL,
  ESTIMATE,
  SCENARIOS;

  public boolean includes(Step other) {
    return other.ordinal() <= ordinal();
  }
}
