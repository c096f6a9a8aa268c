package org.visawaiver.impact.estimate.vcov;

import java.util.List;

/**
 * How many fixed-effect parameters a model has, for K: Σ levels - (dimensions - 1) in all
 * ("full"; exact for one or two connected fixed effects, fixest's count for more), less (levels - 1)
 * for each fixed effect nested in a cluster dimension ("nested"). Pure: the nesting itself is
 * found by {@link Nesting}.
 *
 * @param names fixed-effect names, formula order
 * @param levels used levels of each
 * @param nested names of the fixed effects nested in a cluster dimension
 */
public record FixedEffectCount(List<String> names, long[] levels, List<String> nested) {
  public FixedEffectCount {
    names = List.copyOf(names);
    levels = levels.clone();
    nested = List.copyOf(nested);
    if (names.size() != levels.length) {
      throw new IllegalArgumentException("one level count per fixed effect: " + names + " vs "
          + levels.length);
    }
  }

  @Override
  public long[] levels() {
    return levels.clone();
  }

  /** All fixed-effect parameters, redundancy between dimensions removed. */
  public long full() {
    if (levels.length == 0) {
      return 0;
    }
    long total = 0;
    for (long l : levels) {
      total += l;
    }
    return total - (levels.length - 1);
  }

  /** Parameters counted in K under fixest's fixef.K option. */
  public long counted(SscOptions.FixefK mode) {
    return switch (mode) {
      case NONE -> 0;
      case FULL -> full();
      case NESTED -> {
        long k = full();
        for (int h = 0; h < levels.length; h++) {
          if (nested.contains(names.get(h))) {
            k -= levels[h] - 1;
          }
        }
        yield k;
      }
    };
  }
}
