package org.visawaiver.impact.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.visawaiver.impact.config.InputException;
import org.visawaiver.impact.config.JobConfig;
import org.visawaiver.impact.testing.SharedSpark;
import org.visawaiver.impact.validate.ValidatedInputs;

/** The step's own checks, which run before any baseline is forecast. */
class ScenarioStepTest {
  private static Dataset<Row> parameters() {
    StructType schema =
        new StructType()
            .add("destination", DataTypes.StringType)
            .add("origin", DataTypes.StringType)
            .add("spend_per_arrival_usd", DataTypes.DoubleType)
            .add("visa_fee_usd", DataTypes.DoubleType)
            .add("jobs_per_musd", DataTypes.DoubleType)
            .add("employment_multiplier", DataTypes.DoubleType)
            .add("tax_share", DataTypes.DoubleType)
            .add("source", DataTypes.StringType);
    return SharedSpark.spark()
        .createDataFrame(List.of(RowFactory.create("KHM", "KOR", 673.0, 30.0, 118.6, null, 0.1, "test")), schema);
  }

  private static JobConfig config(String list) {
    return JobConfig.load(null, false, List.of("scenario.list=" + list));
  }

  @Test
  void originWithoutTourismParametersStopsTheStep(@TempDir Path out) {
    ValidatedInputs inputs = new ValidatedInputs(null, null, null, Optional.of(parameters()), List.of());
    JobConfig c = config("[{name = nz, origins = [KOR, NZL], effect-from = 0.2}]");
    InputException e =
        assertThrows(
            InputException.class,
            () -> ScenarioStep.run(SharedSpark.spark(), inputs, null, List.of(), c, out));
    assertEquals(
        "tourism_parameters.csv: no row for destination KHM and origin NZL, which scenario nz needs; add one"
            + " (spend_per_arrival_usd, visa_fee_usd, jobs_per_musd with sources) or remove NZL from the"
            + " scenario; no scenarios were projected",
        e.getMessage());
  }

  @Test
  void missingTourismParametersFileStopsTheStep(@TempDir Path out) {
    ValidatedInputs inputs = new ValidatedInputs(null, null, null, Optional.empty(), List.of());
    InputException e =
        assertThrows(
            InputException.class,
            () -> ScenarioStep.run(SharedSpark.spark(), inputs, null, List.of(), JobConfig.defaults(), out));
    assertEquals(
        "tourism_parameters.csv was not read, but the scenarios need it; put it in the data folder (see"
            + " notebooks-data/); no scenarios were projected",
        e.getMessage());
  }

  @Test
  void estimatedEffectWithoutAModelStopsTheStep(@TempDir Path out) {
    ValidatedInputs inputs = new ValidatedInputs(null, null, null, Optional.of(parameters()), List.of());
    JobConfig c = config("[{name = k, origins = [KOR], effect-from = VNM}]");
    InputException e =
        assertThrows(
            InputException.class,
            () -> ScenarioStep.run(SharedSpark.spark(), inputs, null, List.of(), c, out));
    assertEquals(
        "estimates: no model was fitted, but scenario k (effect-from = waiver:VNM) borrows an estimated"
            + " effect; configure estimate.models or give effect-from as a number; no scenarios were projected",
        e.getMessage());
  }
}
