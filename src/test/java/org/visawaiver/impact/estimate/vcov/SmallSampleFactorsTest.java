package org.visawaiver.impact.estimate.vcov;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.visawaiver.impact.estimate.vcov.SmallSampleFactors.Kind;
import org.visawaiver.impact.estimate.vcov.SscOptions.ClusterDf;
import org.visawaiver.impact.estimate.vcov.SscOptions.FixefK;
import org.visawaiver.impact.estimate.vcov.SscOptions.TDf;

/**
 * The ssc() table of R fixest (?ssc, vignette "On standard errors"), worked by hand without
 * Spark. Case: n = 100 observations, k = 2 slopes, fixed effects a (10 levels, nested in the
 * cluster a) and b (5 levels); clusters G_a = 10, G_b = 8.
 *
 * <pre>
 * full K   = 2 + (10 + 5 - 1) = 16;  nested K = 16 - (10 - 1) = 7;  none K = 2
 * adj      = (n - 1)/(n - K): full 99/84, nested 99/93, none 99/98
 * hetero   = adj · n/(n - 1) = n/(n - K): nested 100/93
 * cluster  = adj · G_min/(G_min - 1): one-way a 99/93 · 10/9; two-way min 99/93 · 8/7
 * t df     = G_min - 1 (t.df "min"), n - K (t.df "conventional"); PPML: normal
 * </pre>
 */
class SmallSampleFactorsTest {
  private static final FixedEffectCount FE =
      new FixedEffectCount(List.of("a", "b"), new long[] {10, 5}, List.of("a"));
  private static final double TOL = 1e-15;

  private static SmallSampleCorrection of(Kind kind, List<Long> g, SscOptions ssc, boolean normal) {
    return SmallSampleFactors.of(kind, 100, 2, FE, g, ssc, normal);
  }

  @Test
  void fixedEffectParametersCountedAsFixefKSays() {
    assertEquals(14, FE.counted(FixefK.FULL));
    assertEquals(5, FE.counted(FixefK.NESTED));
    assertEquals(0, FE.counted(FixefK.NONE));
    assertEquals(0, new FixedEffectCount(List.of(), new long[0], List.of()).full());
  }

  @Test
  void defaultFactorsAreFixests() {
    SscOptions d = SscOptions.FIXEST_DEFAULT;
    SmallSampleCorrection iid = of(Kind.IID, List.of(), d, false);
    assertEquals(99.0 / 93, iid.factor(), TOL);
    assertEquals(7, iid.bigK());
    assertEquals(93, iid.residualDf(), TOL);
    assertEquals(List.of("a"), iid.nestedFixedEffects());
    assertEquals(100.0 / 93, of(Kind.HETERO, List.of(), d, false).factor(), 1e-14);
    SmallSampleCorrection one = of(Kind.CLUSTER, List.of(10L), d, false);
    assertEquals(99.0 / 93 * 10 / 9, one.factor(), 1e-14);
    assertEquals(9, one.residualDf(), TOL);
    SmallSampleCorrection two = of(Kind.CLUSTER, List.of(10L, 8L), d, true);
    assertEquals(99.0 / 93 * 8 / 7, two.factor(), 1e-14);
    assertEquals(Double.POSITIVE_INFINITY, two.residualDf());
    assertEquals(1.0, SmallSampleFactors.termFactor(8, d), TOL);
  }

  @Test
  void eachOptionChangesItsFactorOnly() {
    SscOptions noAdj = new SscOptions(false, FixefK.NESTED, true, ClusterDf.MIN, TDf.MIN);
    assertEquals(10.0 / 9, of(Kind.CLUSTER, List.of(10L), noAdj, false).factor(), 1e-15);
    assertEquals(100.0 / 99, of(Kind.HETERO, List.of(), noAdj, false).factor(), 1e-15);
    SscOptions full = new SscOptions(true, FixefK.FULL, true, ClusterDf.MIN, TDf.MIN);
    SmallSampleCorrection f = of(Kind.CLUSTER, List.of(10L), full, false);
    assertEquals(99.0 / 84 * 10 / 9, f.factor(), 1e-14);
    assertEquals(List.of(), f.nestedFixedEffects());
    SscOptions none = new SscOptions(true, FixefK.NONE, true, ClusterDf.MIN, TDf.MIN);
    assertEquals(99.0 / 98, of(Kind.IID, List.of(), none, false).factor(), 1e-15);
    SscOptions noCluster = new SscOptions(true, FixefK.NESTED, false, ClusterDf.MIN, TDf.MIN);
    assertEquals(99.0 / 93, of(Kind.CLUSTER, List.of(10L), noCluster, false).factor(), 1e-15);
    assertEquals(99.0 / 93, of(Kind.HETERO, List.of(), noCluster, false).factor(), 1e-15);
    SscOptions conventional =
        new SscOptions(true, FixefK.NESTED, true, ClusterDf.CONVENTIONAL, TDf.CONVENTIONAL);
    SmallSampleCorrection c = of(Kind.CLUSTER, List.of(10L, 8L), conventional, false);
    assertEquals(99.0 / 93, c.factor(), 1e-15);
    assertEquals(93, c.residualDf(), TOL);
    assertEquals(8.0 / 7, SmallSampleFactors.termFactor(8, conventional), 1e-15);
  }

  @Test
  void clusteredWithoutDimensionsIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> of(Kind.CLUSTER, List.of(), SscOptions.FIXEST_DEFAULT, false));
    assertEquals("a clustered variance needs at least one dimension", e.getMessage());
  }
}
