package org.visawaiver.impact.estimate.ppml;

import org.visawaiver.impact.estimate.frame.ModelFrame;
import org.visawaiver.impact.estimate.spec.EstimationSettings;

/** Regressor-driven separation (ReLU method). Placeholder until built. */
public final class ReluSeparation {
  public static final String SEPARATION_RELU = "separation_relu";

  private ReluSeparation() {}

  public static ModelFrame apply(ModelFrame frame, EstimationSettings settings) {
    return frame;
  }
}
