package org.visawaiver.impact.estimate.inference;

import java.io.Serializable;

/**
 * Where the sums of the Weidner-Zylkin passes sit in one flat vector. The time-varying fixed
 * effects (i, t) and (j, t) form one symmetric system over all F = (N_i + N_j) T of them in the
 * exact three-way computation (the pair fixed effect couples every period), one system of N_i +
 * N_j per period for two-way (periods are independent), none in the approximate three-way one
 * (which needs the sums of λ per (i, t) and (j, t) instead). Three-way models also sum, per
 * origin and per destination, the T x T blocks H_i = Σ_j H_ij and S_i = Σ_j e_ij e_ij'.
 *
 * @param ni origin ids 0..ni-1
 * @param nj destination ids
 * @param nt time ids
 * @param k regressors
 * @param threeWay pair fixed effect present
 * @param exact three-way: the fixed-effect system is inverted (else ppml_fe_bias's approximation)
 */
record GravityLayout(int ni, int nj, int nt, int k, boolean threeWay, boolean exact)
    implements Serializable {
  /** Size of one system. */
  int systemSize() {
    return threeWay ? (ni + nj) * nt : ni + nj;
  }

  /** Number of systems: 1 (exact three-way), nt (two-way), 0 (approximate three-way). */
  int systems() {
    return threeWay ? (exact ? 1 : 0) : nt;
  }

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

  /** Doubles of the per-origin (side 0) or per-destination (side 1) T x T blocks. */
  long blockDoubles(int side) {
    return threeWay ? (long) (side == 0 ? ni : nj) * nt * nt : 0;
  }

  /** Start of the H blocks (which 0 or 1) or S blocks (which 2 or 3) of a side. */
  int blockOffset(int which) {
    long off = systemDoubles();
    for (int w = 0; w < which; w++) {
      off += blockDoubles(w % 2);
    }
    return Math.toIntExact(off);
  }

  /** Start of the sums of λ per (i, t) (side 0) or (j, t) (side 1); approximate three-way only. */
  int lambdaSumOffset(int side) {
    return blockOffset(4) + (side == 0 ? 0 : (exact ? 0 : ni * nt));
  }

  int presenceOffset() {
    return lambdaSumOffset(0) + (threeWay && !exact ? (ni + nj) * nt : 0);
  }

  int firstPassLength() {
    return presenceOffset() + ni + nj + 1;
  }

  /** Doubles of the first pass's sum, before it is allocated. */
  long firstPassDoubles() {
    return systemDoubles() + 2 * (blockDoubles(0) + blockDoubles(1))
        + (threeWay && !exact ? (long) (ni + nj) * nt : 0) + ni + nj + 1;
  }
}
