package org.visawaiver.impact.sample;

import java.util.LinkedHashMap;
import java.util.Map;
import org.visawaiver.impact.domain.WaiverTerms;

/**
 * The effects built into the synthetic arrivals (log points on the mean, as PPML estimates them),
 * in the terms of the contract's v2 default model: what `estimate` should recover from the sample.
 * Every regime effect is relative to visa_required. Written to notebooks-data/sample_truth.csv.
 */
record TrueEffects(
    double waiverVnm, double waiverTha, double waiverLao, double waiverOther, double stayLog,
    double evisaShare, double voaShare, double advisoryNational, double advisoryRegional,
    double negativeBinomialShape) {
  static final TrueEffects DEFAULT = new TrueEffects(0.20, 0.35, 0.50, 0.30, 0.15, 0.10, 0.15, -0.25, -0.10, 30.0);

  double waiver(String destination) {
    return switch (destination) {
      case "VNM" -> waiverVnm;
      case "THA" -> waiverTha;
      case "LAO" -> waiverLao;
      default -> waiverOther;
    };
  }

  /** The log-point effect of one month's regressors (all but the fixed effects). */
  double effects(String destination, MonthlyExposure x) {
    return waiver(destination) * x.waiverShare() + stayLog * x.stayLog() + evisaShare * x.evisaShare()
        + voaShare * x.voaShare() + advisoryNational * x.nationalLevel() + advisoryRegional * x.regionalLevel();
  }

  /** term -> (value, meaning), in the order of the estimates' terms. */
  Map<String, String[]> table() {
    Map<String, String[]> t = new LinkedHashMap<>();
    t.put(WaiverTerms.of("VNM"), new String[] {Double.toString(waiverVnm),
        "log-point effect of waiver_share = 1 in VNM (visa-free against visa_required)"});
    t.put(WaiverTerms.of("THA"), new String[] {Double.toString(waiverTha), "log-point effect of waiver_share = 1 in THA"});
    t.put(WaiverTerms.of("LAO"), new String[] {Double.toString(waiverLao), "log-point effect of waiver_share = 1 in LAO"});
    t.put(WaiverTerms.of(WaiverTerms.OTHER), new String[] {Double.toString(waiverOther), "log-point effect of waiver_share = 1 elsewhere"});
    t.put("stay_log", new String[] {Double.toString(stayLog), "elasticity of arrivals to the permitted stay (ln(days/30))"});
    t.put("evisa_share", new String[] {Double.toString(evisaShare),
        "log-point effect of evisa_share = 1 (e-visa against visa_required)"});
    t.put("voa_share", new String[] {Double.toString(voaShare),
        "log-point effect of voa_share = 1 (visa on arrival against visa_required)"});
    t.put("advisory_national_level", new String[] {Double.toString(advisoryNational),
        "log-point effect of one level of a national advisory"});
    t.put("advisory_regional_level", new String[] {Double.toString(advisoryRegional),
        "log-point effect of one level of the highest regional advisory"});
    t.put("nb_shape", new String[] {Double.toString(negativeBinomialShape),
        "gamma shape of the multiplicative noise (negative binomial: variance = mu + mu^2 / shape)"});
    return t;
  }
}
