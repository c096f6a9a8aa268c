package org.visawaiver.impact.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.visawaiver.impact.config.InputException;
import org.visawaiver.impact.config.JobConfig;
import org.visawaiver.impact.testing.SharedSpark;
import org.visawaiver.impact.validate.ValidatedInputs;

/** The step's own checks, which run before any baseline is forecast. */
class ScenarioStepTest {
  private static Dataset<Row> parameters() {
    return SharedSpark.spark()
        .createDataFrame(List.of(RowFactory.create("KHM", "KOR", 673.0, 30.0, 118.6, null, 0.1, "test")), ScenarioFixtures.PARAMETER_SCHEMA);
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
    assertEquals(ScenarioFixtures.NZL_WITHOUT_PARAMETERS, e.getMessage());
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
