package org.visawaiver.impact.estimate.frame;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.visawaiver.impact.estimate.spec.FixedEffect;
import org.visawaiver.impact.estimate.spec.VcovSpec;

/**
 * The keys a model frame numbers: one per distinct fixed-effect or cluster name (fixed effects
 * first), and the string columns they are made of, each once however many keys use it.
 *
 * @param fes the fixed effects, in formula order
 * @param clusters the cluster dimensions of all variances, each name once
 * @param keys the distinct keys
 */
record FrameKeys(List<FixedEffect> fes, List<FixedEffect> clusters, List<FixedEffect> keys) {
  FrameKeys {
    fes = List.copyOf(fes);
    clusters = List.copyOf(clusters);
    keys = List.copyOf(keys);
  }

  static FrameKeys of(List<FixedEffect> fes, List<VcovSpec> vcovs) {
    List<FixedEffect> clusters = new ArrayList<>();
    for (VcovSpec v : vcovs) {
      if (v instanceof VcovSpec.Cluster c) {
        for (FixedEffect fe : c.dimensions()) {
          if (clusters.stream().noneMatch(x -> x.name().equals(fe.name()))) {
            clusters.add(fe);
          }
        }
      }
    }
    Map<String, FixedEffect> keys = new LinkedHashMap<>();
    fes.forEach(fe -> keys.putIfAbsent(fe.name(), fe));
    clusters.forEach(fe -> keys.putIfAbsent(fe.name(), fe));
    return new FrameKeys(fes, clusters, new ArrayList<>(keys.values()));
  }

  int index(FixedEffect fe) {
    for (int j = 0; j < keys.size(); j++) {
      if (keys.get(j).name().equals(fe.name())) {
        return j;
      }
    }
    throw new IllegalArgumentException("not a key: " + fe.name());
  }

  /** Per fixed effect, its key. */
  int[] feKeys() {
    return fes.stream().mapToInt(this::index).toArray();
  }

  /** Per cluster dimension, its key. */
  int[] clusterKeys() {
    return clusters.stream().mapToInt(this::index).toArray();
  }

  /** The string columns the keys are made of, each once. */
  List<String> components() {
    List<String> out = new ArrayList<>();
    for (FixedEffect key : keys) {
      for (String c : key.columns()) {
        if (!out.contains(c)) {
          out.add(c);
        }
      }
    }
    return out;
  }

  /** Per key, the indices of its columns among {@link #components()}. */
  int[][] keyComponents() {
    List<String> components = components();
    int[][] out = new int[keys.size()][];
    for (int j = 0; j < keys.size(); j++) {
      out[j] = keys.get(j).columns().stream().mapToInt(components::indexOf).toArray();
    }
    return out;
  }

  List<String> feNames() {
    return fes.stream().map(FixedEffect::name).toList();
  }

  List<String> clusterNames() {
    return clusters.stream().map(FixedEffect::name).toList();
  }
}
