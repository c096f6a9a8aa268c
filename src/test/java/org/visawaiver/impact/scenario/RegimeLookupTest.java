package org.visawaiver.impact.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Date;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.visawaiver.impact.scenario.transfer.RegimeTerm;

class RegimeLookupTest {
  private static final StructType SCHEMA =
      new StructType()
          .add("destination", DataTypes.StringType)
          .add("origin", DataTypes.StringType)
          .add("regime", DataTypes.StringType)
          .add("effective_from", DataTypes.DateType)
          .add("effective_to", DataTypes.DateType);

  private static Row row(String origin, String regime, String from, String to) {
    return new GenericRowWithSchema(
        new Object[] {"KHM", origin, regime, Date.valueOf(from), to == null ? null : Date.valueOf(to)}, SCHEMA);
  }

  /** The regime in force on the first day of the month; effective_to inclusive; no row = visa_required. */
  @Test
  void regimeOnTheFirstDayOfTheStartMonth() {
    RegimeLookup r =
        RegimeLookup.fromRows(
            List.of(
                row("KOR", "visa_on_arrival", "2005-01-01", "2026-12-31"),
                row("KOR", "evisa", "2027-01-02", null),
                row("CHN", "visa_free", "2026-06-15", "2026-10-15")));
    assertEquals(RegimeTerm.VISA_ON_ARRIVAL, r.at("KHM", "KOR", YearMonth.of(2026, 12)));
    assertEquals(RegimeTerm.VISA_REQUIRED, r.at("KHM", "KOR", YearMonth.of(2027, 1)), "gap on 2027-01-01");
    assertEquals(RegimeTerm.EVISA, r.at("KHM", "KOR", YearMonth.of(2027, 2)));
    assertEquals(RegimeTerm.VISA_FREE, r.at("KHM", "CHN", YearMonth.of(2026, 10)));
    assertEquals(RegimeTerm.VISA_REQUIRED, r.at("KHM", "CHN", YearMonth.of(2027, 1)), "trial ended");
    assertEquals(RegimeTerm.VISA_REQUIRED, r.at("VNM", "KOR", YearMonth.of(2027, 1)));
  }

  /** The data note names the synthetic inputs a scenario uses, and is empty when there are none. */
  @Test
  void dataNoteNamesTheSyntheticInputs() {
    TourismParameterTable table =
        new TourismParameterTable(
            List.of(
                ScenarioFixtures.params("KOR", 673.0, 30.0, 118.6, 1.5, 0.1),
                new TourismParameters("KHM", "USA", 1134.0, 30.0, 118.6, 1.5, 0.1, "Synthetic: made up")));
    SyntheticInputs s = new SyntheticInputs(Map.of("KHM\u0000KOR", 12L, "KHM\u0000USA", 7L), 100, 3, 0);
    ScenarioSpec both = ScenarioFixtures.spec("both", List.of("KOR", "USA"), new EffectSource.Predictive(), 0, 12, 10, 1);
    assertEquals("SYNTHETIC inputs, numbers illustrate the method only: estimated effect (arrivals 100, visa_policy 3"
        + " rows); baseline history (19 arrivals rows of KOR USA into KHM); tourism_parameters (USA)",
        s.note(both, table));
    ScenarioSpec fixed = ScenarioFixtures.spec("f", List.of("KOR"), new EffectSource.Fixed(0.2), 0, 12, 10, 1);
    assertEquals("SYNTHETIC inputs, numbers illustrate the method only: baseline history (12 arrivals rows of KOR"
        + " into KHM)", s.note(fixed, table));
    assertEquals("", SyntheticInputs.NONE.note(fixed, table)); // KOR only: its parameter row is not synthetic
  }
}
