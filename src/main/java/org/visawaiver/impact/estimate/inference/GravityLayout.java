package org.visawaiver.impact.estimate.inference;

import java.io.Serializable;

/**
 * Where the time-varying fixed effects (i, t) and (j, t) sit in the flat arrays of the
 * Weidner-Zylkin passes. Three-way: one symmetric system over all F = (N_i + N_j) T of them (the
 * pair fixed effect couples every period). Two-way: one system of N_i + N_j per period (periods
 * are independent). Per-origin and per-destination T x T blocks follow for the bias terms.
 *
 * @param ni origin ids 0..ni-1
 * @param nj destination ids
 * @param nt time ids
 * @param k regressors
 * @param threeWay pair fixed effect present
 */
record GravityLayout(int ni, int nj, int nt, int k, boolean threeWay) implements Serializable {
  /** Size of one system. */
  int systemSize() {
    return threeWay ? (ni + nj) * nt : ni + nj;
  }

  int systems() {
    return threeWay ? 1 : nt;
  }

  /** Doubles of all systems together. */
  long systemDoubles() {
    return (long) systems() * systemSize() * systemSize();
  }

  /** Position of (i, t) [side 0] or (j, t) [side 1] within its system. */
  int position(int side, int id, int time) {
    if (threeWay) {
      return side == 0 ? id * nt + time : (ni + id) * nt + time;
    }
    return side == 0 ? id : ni + id;
  }

  /** Flat index of the (a, b) entry, or -1 when the two lie in different systems. */
  int cell(int sideA, int idA, int timeA, int sideB, int idB, int timeB) {
    if (!threeWay && timeA != timeB) {
      return -1;
    }
    int s = systemSize();
    long base = threeWay ? 0 : (long) timeA * s * s;
    return Math.toIntExact(base + (long) position(sideA, idA, timeA) * s
        + position(sideB, idB, timeB));
  }

  /** Per-origin (side 0) or per-destination (side 1) T x T block sums, (1 + k) of them each. */
  int blockDoubles(int side) {
    return (side == 0 ? ni : nj) * nt * nt;
  }

  // Layout of the first pass's sums: systems, then (three-way) SS_i, xG_i (k), SS_j, xG_j (k),
  // then presence flags of origins and destinations and the pair count.
  int ssOffset(int side) {
    long off = systemDoubles();
    if (side == 1) {
      off += (long) (1 + k) * blockDoubles(0);
    }
    return Math.toIntExact(off);
  }

  int xgOffset(int side, int reg) {
    return ssOffset(side) + (1 + reg) * blockDoubles(side);
  }

  int presenceOffset() {
    return threeWay ? ssOffset(1) + (1 + k) * blockDoubles(1) : Math.toIntExact(systemDoubles());
  }

  int firstPassLength() {
    return presenceOffset() + ni + nj + 1;
  }
}
