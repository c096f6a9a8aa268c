package org.visawaiver.impact.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.visawaiver.impact.config.InputException;
import org.visawaiver.impact.config.JobConfig;
import org.visawaiver.impact.estimate.inference.WeidnerZylkinGoldenTest;
import org.visawaiver.impact.testing.SharedSpark;

/**
 * {@code fit} on any panel: the columns it checks (messages asserted) and the ppml_fe_bias golden
 * numbers read back from the coefficients.csv it writes (tolerances in the reference file).
 */
class PanelFitTest {
  private static Dataset<Row> tiny() {
    StructType schema = new StructType().add("y", DataTypes.DoubleType)
        .add("x", DataTypes.DoubleType).add("iso", DataTypes.StringType)
        .add("year", DataTypes.IntegerType);
    return SharedSpark.spark().createDataFrame(List.of(RowFactory.create(1.0, 0.5, "ARG", 2000),
        RowFactory.create(2.0, 0.7, "AUS", 2000)), schema);
  }

  @Test
  void missingColumnIsNamedWithThePanelsColumns() {
    FitRequest r = FitRequest.of(Path.of("data/p.csv"), "y ~ x + z | iso + year", "ppml", null,
        null);
    InputException e = assertThrows(InputException.class, () -> PanelFit.check(tiny(), r));
    assertEquals("fit --panel p.csv: column \"z\" named by the model \"y ~ x + z | iso + year\" "
        + "(vcov cluster(iso)) is not in the panel, whose columns are \"y\", \"x\", \"iso\", "
        + "\"year\" (rule: every column the formula, --vcov and --gravity name must be a column "
        + "of the file; example: --formula \"y ~ x | a^t + b^t\" needs y, x, a, b, t); nothing "
        + "was estimated", e.getMessage());
  }

  @Test
  void nonNumericRegressorIsRefused() {
    FitRequest r = FitRequest.of(Path.of("p.csv"), "y ~ x + iso | year", "ols", "hetero", null);
    InputException e = assertThrows(InputException.class, () -> PanelFit.check(tiny(), r));
    assertEquals("fit --panel p.csv: regressor column \"iso\" holds string values, not numbers "
        + "(rule: the outcome and every regressor are numeric; example: 0.25, 12, 1e3; a "
        + "category belongs in the fixed effects or in i(iso)); nothing was estimated",
        e.getMessage());
    PanelFit.check(tiny(), FitRequest.of(Path.of("p.csv"), "y ~ i(iso, x) | year", "ols", null,
        null));
  }

  @Test
  void missingFileIsNamed() {
    InputException e = assertThrows(InputException.class,
        () -> PanelFit.read(SharedSpark.spark(), Path.of("no/such/panel.csv")));
    assertTrue(e.getMessage().startsWith("fit --panel: no/such/panel.csv does not exist"),
        e.getMessage());
  }

  @Test
  void fitOnThePpmlFeBiasExampleGivesTheGoldenNumbers(@TempDir Path out) throws Exception {
    Path csv = Path.of(getClass().getResource(WeidnerZylkinGoldenTest.DATA).getPath());
    JobConfig config = JobConfig.load(null, false, List.of());
    PanelFit.run(SharedSpark.spark(), config, FitRequest.of(csv, WeidnerZylkinGoldenTest.THREE_WAY,
        "ppml", "cluster(isoimp^isoexp)", "isoexp,isoimp,year"), out.resolve("three"));
    PanelFit.run(SharedSpark.spark(), config, FitRequest.of(csv, WeidnerZylkinGoldenTest.TWO_WAY,
        "ppml", "cluster(isoimp^isoexp)", "isoexp, isoimp, year"), out.resolve("two"));
    for (String model : List.of("threeway", "twoway")) {
      Path dir = out.resolve(model.equals("threeway") ? "three" : "two").resolve("estimates");
      assertTrue(Files.exists(dir.resolve("vcov.csv")));
      assertTrue(Files.exists(dir.resolve("model_summary.csv")));
      Map<String, CSVRecord> written = new HashMap<>();
      try (Reader in = Files.newBufferedReader(dir.resolve("coefficients.csv"))) {
        for (CSVRecord r : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
            .build().parse(in)) {
          written.put(r.get("term"), r);
        }
      }
      for (CSVRecord ref : WeidnerZylkinGoldenTest.expected(model)) {
        CSVRecord w = written.get(ref.get("term"));
        assertEquals("fit", w.get("model"));
        double tol = Double.parseDouble(ref.get("tolerance"));
        WeidnerZylkinGoldenTest.assertClose(Double.parseDouble(ref.get("adjusted_se")),
            Double.parseDouble(w.get("std_error_bc")), tol, model + " " + ref.get("term") + " SE");
        WeidnerZylkinGoldenTest.assertClose(Double.parseDouble(ref.get("bias_corrected")),
            Double.parseDouble(w.get("estimate_bc")), tol, model + " " + ref.get("term") + " bc");
        if (ref.get("bias").isEmpty()) {
          assertEquals("", w.get("bias"));
        } else {
          WeidnerZylkinGoldenTest.assertClose(Double.parseDouble(ref.get("bias")),
              Double.parseDouble(w.get("bias")), tol, model + " " + ref.get("term") + " bias");
        }
      }
    }
  }
}
