package org.visawaiver.impact.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class WaiverImpactCliTest {
  @Test
  void unknownOptionIsBadInputWithStatusTwo() {
    assertEquals(2, WaiverImpactCli.execute("validate", "--no-such-option"));
  }

  @Test
  void helpExitsZero() {
    assertEquals(0, WaiverImpactCli.execute("--help"));
  }

  @Test
  void missingConfigurationFileIsStatusTwo() {
    assertEquals(2, WaiverImpactCli.execute("validate", "--conf", "does/not/exist.conf"));
  }
}
