package org.visawaiver.impact.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobConfigTest {
  @Test
  void builtInDefaultsAreTheShippedConfigurationFile() {
    JobConfig c = JobConfig.defaults();
    assertEquals("notebooks-data", c.dataDir().toString());
    assertEquals(0.01, c.raw().getDouble("validate.max-reject-share"));
    assertEquals("local[*]", c.master());
  }

  @Test
  void fileThenSetOverridesInThatOrder(@TempDir Path dir) throws Exception {
    Path conf = dir.resolve("my.conf");
    Files.writeString(conf, "validate.max-reject-share = 0.2\nscenario.mc-draws = 500\n");
    JobConfig c = JobConfig.load(conf, true, List.of("scenario.mc-draws=42", "output.dir=\"x/y\""));
    assertEquals(0.2, c.raw().getDouble("validate.max-reject-share"));
    assertEquals(42, c.raw().getInt("scenario.mc-draws"));
    assertEquals(Path.of("x/y"), c.outDir());
    // untouched keys keep the built-in default
    assertEquals("KHM", c.raw().getString("scenario.defaults.destination"));
  }

  @Test
  void missingExplicitFileIsBadInput(@TempDir Path dir) {
    InputException e =
        assertThrows(InputException.class, () -> JobConfig.load(dir.resolve("nope.conf"), true, List.of()));
    assertTrue(e.getMessage().contains("nope.conf: configuration file not found"), e.getMessage());
  }

  @Test
  void malformedOverrideNamesTheExpectedForm() {
    InputException e =
        assertThrows(InputException.class, () -> JobConfig.load(null, false, List.of("no-equals-sign")));
    assertEquals(
        "--set \"no-equals-sign\": expected key=value, e.g. --set validate.max-reject-share=0.05;"
            + " nothing was run",
        e.getMessage());
  }
}
