package org.visawaiver.impact.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigKeysTest {
  @Test
  void unknownSetKeyNamesTheNearestKnownOne() {
    InputException e = assertThrows(InputException.class,
        () -> JobConfig.load(null, false, List.of("validate.max-reject-shares=0.5")));
    assertTrue(e.getMessage().startsWith("configuration: unknown key \"validate.max-reject-shares\" (given with"
        + " --set); did you mean \"validate.max-reject-share\"?"), e.getMessage());
  }

  @Test
  void unknownKeyInTheConfigurationFileIsNamedWithTheFile(@TempDir Path dir) throws Exception {
    Path conf = dir.resolve("my.conf");
    Files.writeString(conf, "scenario { mc-draw = 10 }\n");
    InputException e = assertThrows(InputException.class, () -> JobConfig.load(conf, true, List.of()));
    assertTrue(e.getMessage().contains("unknown key \"scenario.mc-draw\" (in " + conf
        + "); did you mean \"scenario.mc-draws\"?"), e.getMessage());
  }

  @Test
  void knownKeysComeFromTheDefaultsAndEmptyObjectsAreOpenMaps() {
    JobConfig c = JobConfig.load(null, false, List.of("panel.default-fee-by-destination.THA=40",
        "scenario.defaults.stay-days=45", "secrets.cluster=\"x\""));
    assertEquals(40, c.raw().getInt("panel.default-fee-by-destination.THA"));
    assertEquals(45, c.raw().getInt("scenario.defaults.stay-days"));
    assertThrows(InputException.class,
        () -> JobConfig.load(null, false, List.of("scenario.defaults.stay-dayz=45")));
  }

  @Test
  void sparkSettingsReachTheSparkConfSectionEitherWay() {
    JobConfig c = JobConfig.load(null, false, List.of(
        "spark.authenticate.secret=abc123", "spark.conf.\"spark.executor.memory\"=2g", "spark.master=\"local[1]\""));
    assertEquals("abc123", c.raw().getString("spark.conf.\"spark.authenticate.secret\""));
    assertEquals("2g", c.raw().getString("spark.conf.\"spark.executor.memory\""));
    assertEquals("local[1]", c.master());
    assertFalse(c.raw().hasPath("spark.authenticate"), "moved, not copied");
    org.apache.spark.SparkConf conf =
        org.visawaiver.impact.spark.SparkSessions.sparkConf(c.section("spark"), c.redaction());
    assertEquals("abc123", conf.get("spark.authenticate.secret"));
    assertEquals("2g", conf.get("spark.executor.memory"));
    assertEquals("local[1]", conf.get("spark.master"));
    assertEquals(c.redaction().keyPattern(), conf.get("spark.redaction.regex"));
    assertTrue(conf.get("spark.redaction.regex").contains(Redaction.SPARK_PATTERN));
  }

  @Test
  void redactionUsesSparksPatternPlusTheConfiguredOnesAndScrubsValues() {
    JobConfig c = JobConfig.load(null, false, List.of(
        "spark.conf.\"spark.hadoop.fs.s3a.access.key\"=AKIAEXAMPLEKEY", "redaction.extra-key-patterns=[\"(?i)iban\"]",
        "secrets.my-iban=\"DE0012345678\""));
    Redaction r = c.redaction();
    assertTrue(r.sensitive("spark.hadoop.fs.s3a.access.key"));
    assertTrue(r.sensitive("spark.hadoop.fs.s3a.accesskey"));
    assertTrue(r.sensitive("db.PASSWORD"));
    assertTrue(r.sensitive("my-iban"));
    assertFalse(r.sensitive("scenario.seed"));
    assertEquals("key AKIA is " + Redaction.REDACTED + "; iban " + Redaction.REDACTED + "; token="
            + Redaction.REDACTED + " seed=1",
        r.scrub("key AKIA is AKIAEXAMPLEKEY; iban DE0012345678; token=abc seed=1"));
  }
}
