package org.visawaiver.impact.scenario.draws;

/**
 * A parameter known as a most likely value with a low and a high bound: the triangular
 * distribution on [low, high] with mode {@code mode}, drawn by its inverse distribution function.
 * {@code low = mode = high} is a fixed value (no draw). The triangular is the usual choice when
 * only a range and a best guess are known (it puts no mass outside the range and is skewed when the
 * best guess is off-centre).
 */
public record Triangular(double low, double mode, double high) {
  public Triangular {
    if (!(low <= mode && mode <= high) || !Double.isFinite(low) || !Double.isFinite(high)) {
      throw new IllegalArgumentException("a triangular range needs finite low <= mode <= high; found low " + low
          + ", mode " + mode + ", high " + high);
    }
  }

  /** A fixed value. */
  public static Triangular point(double value) {
    return new Triangular(value, value, value);
  }

  public boolean isPoint() {
    return low == high;
  }

  /**
   * The value with distribution function {@code p} (0 <= p <= 1):
   * {@code low + sqrt(p (high - low)(mode - low))} for p below F(mode) = (mode - low)/(high - low),
   * {@code high - sqrt((1 - p)(high - low)(high - mode))} above.
   */
  public double quantile(double p) {
    if (isPoint()) {
      return mode;
    }
    double range = high - low;
    double atMode = (mode - low) / range;
    return p < atMode
        ? low + Math.sqrt(p * range * (mode - low))
        : high - Math.sqrt((1 - p) * range * (high - mode));
  }

  /** Mean (low + mode + high) / 3. */
  public double mean() {
    return (low + mode + high) / 3;
  }
}
