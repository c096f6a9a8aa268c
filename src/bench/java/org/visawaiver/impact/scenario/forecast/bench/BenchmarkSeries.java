package org.visawaiver.impact.scenario.forecast.bench;

/** One series of the tourism competition: its training values and its 24 test values. */
public record BenchmarkSeries(String id, double[] train, double[] test) {
  public BenchmarkSeries {
    train = train.clone();
    test = test.clone();
  }

  @Override
  public double[] train() {
    return train.clone();
  }

  @Override
  public double[] test() {
    return test.clone();
  }

  /** Training values followed by test values. */
  public double[] whole() {
    double[] all = java.util.Arrays.copyOf(train, train.length + test.length);
    System.arraycopy(test, 0, all, train.length, test.length);
    return all;
  }
}
