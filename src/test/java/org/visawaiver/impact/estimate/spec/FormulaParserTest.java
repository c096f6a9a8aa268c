package org.visawaiver.impact.estimate.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.visawaiver.impact.config.JobConfig;

class FormulaParserTest {
  @Test
  void parsesTheContractFormula() {
    ModelFormula f = FormulaParser.parse("arrivals ~ waiver_by(VNM, THA, LAO) + stay_log + "
        + "advisory_level | origin^destination + destination^month + origin^month", "test");
    assertEquals("arrivals", f.outcome());
    assertEquals(List.of(new Term.WaiverBy(List.of("VNM", "THA", "LAO")),
        new Term.Column("stay_log"), new Term.Column("advisory_level")), f.terms());
    assertEquals(List.of(FixedEffect.of("origin", "destination"),
        FixedEffect.of("destination", "month"), FixedEffect.of("origin", "month")),
        f.fixedEffects());
    assertEquals("arrivals ~ waiver_by(VNM, THA, LAO) + stay_log + advisory_level | "
        + "origin^destination + destination^month + origin^month", f.text());
  }

  @Test
  void parsesLogAndInteractions() {
    ModelFormula f = FormulaParser.parse(
        "log(Euros) ~ log(dist_km) + i(Year, log(dist_km), ref=2007) + i(rel, ref=-1) | Origin",
        "test");
    assertTrue(f.outcomeLogged());
    assertEquals(new Term.Log("dist_km"), f.terms().get(0));
    Term.Interaction i = (Term.Interaction) f.terms().get(1);
    assertEquals("Year::2008:log(dist_km)", i.termName("2008"));
    assertEquals("2007", i.reference());
    assertEquals(new Term.Interaction("rel", null, "-1"), f.terms().get(2));
  }

  @Test
  void parsesVariances() {
    assertEquals(new VcovSpec.Iid(), FormulaParser.parseVcov("iid", "t"));
    assertEquals(new VcovSpec.Hetero(), FormulaParser.parseVcov("hc1", "t"));
    assertEquals(new VcovSpec.Cluster(List.of(FixedEffect.of("origin", "destination"))),
        FormulaParser.parseVcov("cluster(origin^destination)", "t"));
    assertEquals(new VcovSpec.Cluster(List.of(FixedEffect.of("origin"), FixedEffect.of("month"))),
        FormulaParser.parseVcov("cluster(origin, month)", "t"));
  }

  @Test
  void errorsNameTheTokenAndShowTheGrammar() {
    EstimationException e = assertThrows(EstimationException.class,
        () -> FormulaParser.parse("arrivals ~ stay_log * advisory_level", "model \"ppml\" formula"));
    assertEquals("model \"ppml\" formula: unexpected character \"*\" at position 21 in "
        + "\"arrivals ~ stay_log * advisory_level\"; accepted grammar: " + FormulaParser.GRAMMAR
        + "; nothing was estimated", e.getMessage());
    EstimationException f = assertThrows(EstimationException.class,
        () -> FormulaParser.parse("arrivals ~ poly(stay_log) | origin", "m"));
    assertTrue(f.getMessage().startsWith("m: unknown function \"poly\" (known: log, waiver_by, i) "
        + "at position 12"), f.getMessage());
    EstimationException g = assertThrows(EstimationException.class,
        () -> FormulaParser.parseVcov("cluster(a, b, c, d, e)", "v"));
    assertTrue(g.getMessage().startsWith("v: cluster() takes 1 to 4 dimensions, found 5"),
        g.getMessage());
    EstimationException h = assertThrows(EstimationException.class,
        () -> FormulaParser.parse("arrivals ~ | origin", "m"));
    assertTrue(h.getMessage().startsWith("m: expected a term (column, log(column), waiver_by(...) "
        + "or i(...)) but found \"|\" at position 12"), h.getMessage());
  }

  @Test
  void readsTheConfiguredModels() {
    EstimationSettings s = EstimationSettings.from(JobConfig.defaults().section("estimate"));
    assertEquals(List.of("ppml", "ols"), s.models().stream().map(ModelSpec::name).toList());
    assertEquals(Estimator.PPML, s.models().get(0).estimator());
    assertEquals(new VcovSpec.Cluster(List.of(FixedEffect.of("origin", "destination"))),
        s.models().get(0).vcov());
    assertEquals(List.of("VNM", "THA", "LAO"), s.compare());
    EstimationException e = assertThrows(EstimationException.class,
        () -> ModelSpec.of("x", "probit", "a ~ b", "iid"));
    assertEquals("model \"x\" estimator: unknown estimator \"probit\"; expected one of ppml, ols; "
        + "nothing was estimated", e.getMessage());
  }
}
