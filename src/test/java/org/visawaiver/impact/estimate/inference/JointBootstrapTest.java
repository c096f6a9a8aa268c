package org.visawaiver.impact.estimate.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.visawaiver.impact.estimate.spec.ModelSpec;
import org.visawaiver.impact.estimate.spec.VcovSpec;

/**
 * The bootstrap of a joint hypothesis R b = 0 (the event study's pre-trend test): with one
 * restriction it is the bootstrap test of that coefficient, so on the golden few-treated panel
 * (12 pairs, 3 treated; src/test/resources/reference/wild-bootstrap/) its p-value is the
 * reference's exactly: the restricted score bootstrap of PPML (refit under R b = 0 through R's
 * null space) and the WCR of OLS.
 */
class JointBootstrapTest {
  static final double[][] TREAT = {{1, 0}};

  @Test
  void poissonJointRestrictionOfOneTermIsItsRestrictedScoreBootstrap() throws IOException {
    WildBootstrapGoldenTest.Case c = WildBootstrapGoldenTest.fit("fewtreated",
        "fewtreated_panel_data.csv", WildBootstrapGoldenTest.FEW_OLS, "cluster(pair)", "ppml", "spark");
    List<String> notes = new ArrayList<>();
    double p = FewClusterInference.restrictedJointBootPValue(c.frame(), c.fit(), vcov(),
        c.settings(), c.settings().bootstrap(), TREAT, "test", notes);
    Map<String, Double> g = WildBootstrapGoldenTest.golden("fewtreated");
    assertEquals(g.get("pois_scoreBS_p_rademacher_enum"), p, notes.toString());
    assertTrue(notes.isEmpty(), notes.toString());
  }

  @Test
  void olsJointRestrictionOfOneTermIsItsWcr() throws IOException {
    WildBootstrapGoldenTest.Case c = WildBootstrapGoldenTest.fit("fewtreated",
        "fewtreated_panel_data.csv", WildBootstrapGoldenTest.FEW_OLS, "cluster(pair)", "ols", "spark");
    double p = FewClusterInference.jointWaldBootPValue(c.frame(), c.fit(), vcov(), false,
        List.of(), c.settings(), c.settings().bootstrap(), TREAT);
    assertEquals(WildBootstrapGoldenTest.golden("fewtreated").get("own_p_WCR"), p);
  }

  @Test
  void noBootstrapWithoutOneWayClustering() {
    WildBootstrapGoldenTest.Case c = WildBootstrapGoldenTest.fit("fewtreated",
        "fewtreated_panel_data.csv", WildBootstrapGoldenTest.FEW_OLS, "hetero", "ols", "spark");
    assertTrue(Double.isNaN(FewClusterInference.jointWaldBootPValue(c.frame(), c.fit(),
        new VcovSpec.Hetero(), false, List.of(), c.settings(), c.settings().bootstrap(), TREAT)));
    assertTrue(Double.isNaN(FewClusterInference.jointWaldBootPValue(c.frame(), c.fit(), vcov(),
        false, List.of(), c.settings(), c.settings().bootstrap(), new double[0][])));
  }

  /** One restriction: the statistic is the squared Rao t, so the p-value is restrictedPValue's. */
  @Test
  void restrictedWaldOfOneRestrictionIsTheRestrictedScoreBootstrap() {
    SplittableRandom rng = new SplittableRandom(5);
    double[] s = new double[9];
    double[] shares = new double[9];
    for (int g = 0; g < s.length; g++) {
      s[g] = rng.nextDouble(-1, 1) * (g < 3 ? 10 : 1);
      shares[g] = 1.0 / 9;
    }
    BootstrapWeights w = BootstrapWeights.of(9, new org.visawaiver.impact.estimate.spec
        .BootstrapSettings(999, 1, "webb", "all", false, 500, 150, "cluster"));
    double p = ScoreBootstrap.restrictedWaldPValue(new double[][] {s}, shares, w);
    assertEquals(ScoreBootstrap.restrictedPValue(s, shares, w), p);
    assertTrue(p > 0 && p < 1, "p " + p);
  }

  private static VcovSpec vcov() {
    return ModelSpec.of("few", "ols", WildBootstrapGoldenTest.FEW_OLS, "cluster(pair)").vcov();
  }
}
