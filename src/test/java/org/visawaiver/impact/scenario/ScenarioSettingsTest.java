package org.visawaiver.impact.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.visawaiver.impact.scenario.draws.RandomStreams;
import org.visawaiver.impact.config.InputException;
import org.visawaiver.impact.config.JobConfig;

class ScenarioSettingsTest {
  private static Config section(String hocon) {
    return ConfigFactory.parseString(hocon).withFallback(JobConfig.defaults().section("scenario")).resolve();
  }

  @Test
  void shippedDefaultsAreTheFourOriginsAloneAndTogether() {
    ScenarioSettings s = ScenarioSettings.from(JobConfig.defaults().section("scenario"));
    assertEquals(
        List.of("waiver_KOR", "waiver_USA", "waiver_JPN", "waiver_AUS", "waiver_all4"),
        s.scenarios().stream().map(ScenarioSpec::name).toList());
    ScenarioSpec all4 = s.scenarios().get(4);
    assertEquals(List.of("KOR", "USA", "JPN", "AUS"), all4.origins());
    assertEquals("KHM", all4.destination());
    assertEquals(new EffectSource.Predictive(), all4.effect());
    assertEquals(10_000, all4.draws());
    assertEquals(60, all4.horizonMonths());
    // common random numbers: every scenario uses the base seed (its streams are keyed by what they draw)
    assertEquals(20260101L, all4.seed());
    assertEquals(s.scenarios().get(0).seed(), all4.seed());
    assertEquals(0.05, s.discountRate(), 0.0);
    assertEquals(List.of("VNM", "THA", "LAO"), s.pooledOver());
    assertEquals(ScenarioSettings.BaselineShocks.PERSISTENT, s.baselineShocks());
    assertTrue(s.xlsx());
  }

  @Test
  void tauPriorScaleDefaultsToHalfALogPointAndMustBePositive() {
    assertEquals(0.5, ScenarioSettings.tauPriorScale(JobConfig.defaults().section("scenario")), 0.0);
    assertEquals(0.25, ScenarioSettings.tauPriorScale(section("tau-prior-scale = 0.25")), 0.0);
    InputException e =
        assertThrows(InputException.class, () -> ScenarioSettings.tauPriorScale(section("tau-prior-scale = 0")));
    assertEquals("configuration scenario.tau-prior-scale = 0.0 must be a positive number of log points (the"
        + " half-normal prior scale of tau, e.g. 0.5); no transfer summary was written", e.getMessage());
  }

  @Test
  void perScenarioOverridesWin() {
    ScenarioSettings s =
        ScenarioSettings.from(
            section(
                "list = [ { name = a, origins = [KOR], effect-from = 0.25, horizon-months = 12, mc-draws = 99,"
                    + " seed = 7, start-month = \"2028-03\", stay-days = 45, ramp-up-months = 0 },"
                    + " { name = b, origins = [USA], effect-from = \"THA\" } ]"));
    ScenarioSpec a = s.scenarios().get(0);
    assertEquals(new EffectSource.Fixed(0.25), a.effect());
    assertEquals(12, a.horizonMonths());
    assertEquals(99, a.draws());
    assertEquals(7L, a.seed());
    assertEquals(YearMonth.of(2028, 3), a.startMonth());
    assertEquals(45, a.stayDays());
    assertEquals(0, a.rampUpMonths());
    ScenarioSpec b = s.scenarios().get(1);
    assertEquals(new EffectSource.Borrowed("THA"), b.effect());
    assertEquals(6, b.rampUpMonths());
  }

  @Test
  void unknownEffectFromIsRejected() {
    InputException e =
        assertThrows(
            InputException.class,
            () -> ScenarioSettings.from(section("list = [ { name = a, origins = [KOR], effect-from = \"best\" } ]")));
    assertEquals(
        "configuration scenario.list[0] (a): effect-from \"best\" is not a destination whose waiver effect"
            + " was estimated (VNM, THA, LAO), predictive, pooled, or a number of log points (e.g. 0.25); no scenarios were"
            + " projected",
        e.getMessage());
  }

  @Test
  void unknownKeyIsRejected() {
    InputException e =
        assertThrows(
            InputException.class,
            () -> ScenarioSettings.from(section("list = [ { name = a, origins = [KOR], effect_from = VNM } ]")));
    assertTrue(e.getMessage().startsWith("configuration scenario.list[0]: unknown key(s) [effect_from]"), e.getMessage());
  }

  @Test
  void duplicateNamesAndBadMonthsAreRejected() {
    InputException dup =
        assertThrows(
            InputException.class,
            () -> ScenarioSettings.from(section("list = [ { name = a, origins = [KOR] }, { name = a, origins = [USA] } ]")));
    assertEquals(
        "configuration scenario.list[1]: scenario name \"a\" is used twice; names must be unique (they key the"
            + " output rows); no scenarios were projected",
        dup.getMessage());
    InputException month =
        assertThrows(
            InputException.class,
            () -> ScenarioSettings.from(section("list = [ { name = a, origins = [KOR], start-month = \"2027-13\" } ]")));
    assertEquals(
        "configuration scenario.list[0] (a): start-month \"2027-13\" is not YYYY-MM, e.g. 2027-01; no scenarios"
            + " were projected",
        month.getMessage());
  }

  @Test
  void streamSeedsDependOnBaseAndKey() {
    String kor = RandomStreams.baselineKey("KHM", "KOR");
    long a = RandomStreams.derive(1, kor);
    assertEquals(a, RandomStreams.derive(1, kor));
    assertNotEquals(a, RandomStreams.derive(2, kor));
    assertNotEquals(a, RandomStreams.derive(1, RandomStreams.baselineKey("KHM", "USA")));
    assertTrue(a >= 0 && a < 1_000_000_000_000_000L, "15 digits at most: " + a);
  }

  @Test
  void discountRateIsReadAndChecked() {
    assertEquals(0.03, ScenarioSettings.from(section("discount-rate = 0.03")).discountRate(), 0.0);
    InputException e = assertThrows(InputException.class, () -> ScenarioSettings.from(section("discount-rate = -1")));
    assertEquals("configuration scenario.discount-rate = -1.0 must be a number above -1 (0.05 = 5 % a year);"
        + " no scenarios were projected", e.getMessage());
  }
}
