package org.visawaiver.impact.scenario.summary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Quantiles by selection are those of a full sort, bit for bit. */
class QuantilesTest {
  private static final double[] PROBABILITIES = {0.0, 0.1, 0.25, 0.5, 0.9, 0.975, 1.0};

  /** Type 7 on a sorted copy: the definition. */
  private static double[] bySorting(double[] values, double[] probabilities) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double[] out = new double[probabilities.length];
    int n = sorted.length;
    for (int i = 0; i < probabilities.length; i++) {
      double h = (n - 1) * probabilities[i];
      int lo = (int) Math.floor(h);
      int hi = Math.min(lo + 1, n - 1);
      out[i] = sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
    return out;
  }

  @Test
  void sameValuesAsSortingForSamplesOfEveryShape() {
    SplittableRandom random = new SplittableRandom(7);
    for (int n : new int[] {1, 2, 3, 33, 34, 100, 1000, 10_000}) {
      double[] normal = random.doubles(n).map(u -> Math.log(u / (1 - u))).toArray();
      double[] ties = random.ints(n, 0, 5).asDoubleStream().toArray();
      double[] sorted = normal.clone();
      Arrays.sort(sorted);
      double[] descending = new double[n];
      for (int i = 0; i < n; i++) {
        descending[i] = sorted[n - 1 - i];
      }
      for (double[] values : new double[][] {normal, ties, sorted, descending}) {
        double[] before = values.clone();
        assertArrayEquals(bySorting(values, PROBABILITIES), Quantiles.of(values, PROBABILITIES), 0.0, "n = " + n);
        assertArrayEquals(before, values, 0.0, "input not modified");
      }
    }
  }

  @Test
  void selectOrdersSignedZerosAndNaNAsArraysSort() {
    double[] values = {0.0, Double.NaN, -0.0, 1.0, -1.0};
    assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(Quantiles.select(values.clone(), 1)));
    assertEquals(0.0, Quantiles.select(values.clone(), 2), 0.0);
    assertEquals(Double.NaN, Quantiles.select(values.clone(), 4), 0.0);
    double[] many = new double[100];
    Arrays.fill(many, 0, 50, 0.0);
    Arrays.fill(many, 50, 100, -0.0);
    assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(Quantiles.select(many.clone(), 49)));
    assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(Quantiles.select(many, 50)));
  }
}
