package org.visawaiver.impact.estimate.demean;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Where each sum of one pass of {@link FixedEffectKernel#levelSums} lives in the pass's vector:
 * the level sums of the {@code width} columns, level-major ([l * width + c] = Σ w e_c over the
 * rows of broadcast level l); then, when asked for, {@code width} squares Σ w e_c²; {@code levels}
 * level weights Σ w; and the cross-products section of the least-squares step ({@link
 * #crossLength}: [a * width + c] (c >= a) = Σ w e_a e_c, then Σ w, then Σ w v_c and Σ w v_c² of
 * the raw columns v). The one description of that vector for the kernel that fills it and the
 * solver and cross-products that read it.
 *
 * @param width columns summed together
 * @param levels broadcast fixed-effect levels
 * @param squares whether the squares section is there
 * @param weights whether the level weights section is there
 * @param cross whether the cross-products section is there
 */
public record LevelSumsLayout(int width, int levels, boolean squares, boolean weights,
    boolean cross) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The conjugate-gradient solver's gradient pass: every section. */
  public static LevelSumsLayout gradient(int width, int levels) {
    return new LevelSumsLayout(width, levels, true, true, true);
  }

  /** The solver's product pass D'W P D p: level sums only. */
  public static LevelSumsLayout product(int width, int levels) {
    return new LevelSumsLayout(width, levels, false, false, false);
  }

  /** The cross-products of the least-squares step without a solver pass: level sums and cross. */
  public static LevelSumsLayout crossProducts(int width, int levels) {
    return new LevelSumsLayout(width, levels, false, false, true);
  }

  /** Start of the squares section, or -1 without it. */
  public int squaresAt() {
    return squares ? width * levels : -1;
  }

  /** Start of the level weights, or -1 without them. */
  public int weightsAt() {
    return weights ? width * levels + (squares ? width : 0) : -1;
  }

  /** Start of the cross-products section, or -1 without it. */
  public int crossAt() {
    return cross ? width * levels + (squares ? width : 0) + (weights ? levels : 0) : -1;
  }

  /** Length of the whole vector. */
  public int length() {
    return width * levels + (squares ? width : 0) + (weights ? levels : 0)
        + (cross ? crossLength(width) : 0);
  }

  /** The level sums as [column][level], times {@code sign}. */
  public double[][] levelSums(double[] agg, double sign) {
    double[][] out = new double[width][levels];
    for (int l = 0; l < levels; l++) {
      for (int c = 0; c < width; c++) {
        out[c][l] = sign * agg[l * width + c];
      }
    }
    return out;
  }

  public double[] squaresOf(double[] agg) {
    return Arrays.copyOfRange(agg, squaresAt(), squaresAt() + width);
  }

  public double[] weightsOf(double[] agg) {
    return Arrays.copyOfRange(agg, weightsAt(), weightsAt() + levels);
  }

  /** The cross-products section alone (decoded by {@link #crossSumW} and the others). */
  public double[] crossOf(double[] agg) {
    return Arrays.copyOfRange(agg, crossAt(), crossAt() + crossLength(width));
  }

  /** Length of the cross-products section of {@code width} columns. */
  public static int crossLength(int width) {
    return width * width + 1 + 2 * width;
  }

  /** In the cross-products section: where Σ w is. */
  public static int crossSumW(int width) {
    return width * width;
  }

  /** In the cross-products section: where Σ w v_c starts. */
  public static int crossRawSums(int width) {
    return width * width + 1;
  }

  /** In the cross-products section: where Σ w v_c² starts. */
  public static int crossRawSquares(int width) {
    return width * width + 1 + width;
  }
}
