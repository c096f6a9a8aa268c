package org.visawaiver.impact.sample;

import java.util.LinkedHashMap;
import java.util.Map;
import org.visawaiver.impact.domain.WaiverTerms;

/**
 * The effects built into the synthetic arrivals (log points on the mean, as PPML estimates them):
 * what `estimate` should recover from the sample. Written to notebooks-data/sample_truth.csv.
 */
record TrueEffects(
    double waiverVnm, double waiverTha, double waiverLao, double waiverOther, double stayLog,
    double advisoryLevel, double negativeBinomialShape) {
  static final TrueEffects DEFAULT = new TrueEffects(0.20, 0.35, 0.50, 0.30, 0.15, -0.25, 30.0);

  double waiver(String destination) {
    return switch (destination) {
      case "VNM" -> waiverVnm;
      case "THA" -> waiverTha;
      case "LAO" -> waiverLao;
      default -> waiverOther;
    };
  }

  /** term -> (value, meaning), in the order of the estimates' terms. */
  Map<String, String[]> table() {
    Map<String, String[]> t = new LinkedHashMap<>();
    t.put(WaiverTerms.of("VNM"), new String[] {Double.toString(waiverVnm), "log-point effect of waiver_share = 1 in VNM"});
    t.put(WaiverTerms.of("THA"), new String[] {Double.toString(waiverTha), "log-point effect of waiver_share = 1 in THA"});
    t.put(WaiverTerms.of("LAO"), new String[] {Double.toString(waiverLao), "log-point effect of waiver_share = 1 in LAO"});
    t.put(WaiverTerms.of(WaiverTerms.OTHER), new String[] {Double.toString(waiverOther), "log-point effect of waiver_share = 1 elsewhere"});
    t.put("stay_log", new String[] {Double.toString(stayLog), "elasticity of arrivals to the permitted stay (ln(days/30))"});
    t.put("advisory_level", new String[] {Double.toString(advisoryLevel), "log-point effect of one advisory level"});
    t.put("nb_shape", new String[] {Double.toString(negativeBinomialShape),
        "gamma shape of the multiplicative noise (negative binomial: variance = mu + mu^2 / shape)"});
    return t;
  }
}
