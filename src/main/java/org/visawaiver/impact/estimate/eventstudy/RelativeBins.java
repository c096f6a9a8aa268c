package org.visawaiver.impact.estimate.eventstudy;

import java.util.ArrayList;
import java.util.List;

/**
 * How relative periods r = t - cohort are binned: r < -leads is {@code pre}, r > lags is
 * {@code post}, otherwise bin {@code floor(r / width) * width}, named by that number. The bin that
 * holds r = -1 is the reference. Immutable; a pure function of its three numbers.
 */
public record RelativeBins(int leads, int lags, int width) {
  public static final String PRE = "pre";
  public static final String POST = "post";

  /**
   * One bin.
   *
   * @param name {@code pre}, {@code post} or the bin's first month as a number
   * @param from first relative period in the bin, or null for {@code pre}
   * @param to last relative period in the bin, or null for {@code post}
   */
  public record Bin(String name, Integer from, Integer to) {
    /** True for the bins before the treatment starts (r < 0 throughout). */
    public boolean before() {
      return to != null && to < 0;
    }
  }

  public RelativeBins {
    if (leads < 1 || lags < 0 || width < 1) {
      throw new IllegalArgumentException(
          "leads >= 1, lags >= 0, width >= 1 expected: " + leads + ", " + lags + ", " + width);
    }
  }

  /** The bin of relative period r. */
  public String name(int r) {
    if (r < -leads) {
      return PRE;
    }
    if (r > lags) {
      return POST;
    }
    return Integer.toString(Math.floorDiv(r, width) * width);
  }

  /** The reference bin: the one that holds r = -1. */
  public Bin reference() {
    return bin(name(-1));
  }

  /** Every bin in order: pre, the binned leads and lags, post. */
  public List<Bin> all() {
    List<Bin> out = new ArrayList<>();
    out.add(bin(PRE));
    for (int start = Math.floorDiv(-leads, width) * width; start <= lags; start += width) {
      out.add(bin(Integer.toString(start)));
    }
    out.add(bin(POST));
    return List.copyOf(out);
  }

  /** The bin of a name from {@link #name}; its range clipped to [-leads, lags]. */
  public Bin bin(String name) {
    if (name.equals(PRE)) {
      return new Bin(PRE, null, -leads - 1);
    }
    if (name.equals(POST)) {
      return new Bin(POST, lags + 1, null);
    }
    int start = Integer.parseInt(name);
    return new Bin(name, Math.max(start, -leads), Math.min(start + width - 1, lags));
  }
}
