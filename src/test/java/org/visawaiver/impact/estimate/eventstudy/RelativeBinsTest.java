package org.visawaiver.impact.estimate.eventstudy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.visawaiver.impact.estimate.spec.EstimationException;
import org.visawaiver.impact.estimate.spec.EstimationSettings.EventStudySettings;

/** The contract's binning (leads 12, lags 24, width 3), worked by hand; no Spark. */
class RelativeBinsTest {
  final RelativeBins bins = new RelativeBins(12, 24, 3);

  @Test
  void binsAsTheContractWritesThem() {
    assertEquals("pre", bins.name(-13));
    assertEquals("-12", bins.name(-12));
    assertEquals("-12", bins.name(-10));
    assertEquals("-9", bins.name(-9));
    assertEquals("-3", bins.name(-1));
    assertEquals("0", bins.name(0));
    assertEquals("0", bins.name(2));
    assertEquals("24", bins.name(24));
    assertEquals("post", bins.name(25));
    assertEquals(new RelativeBins.Bin("-3", -3, -1), bins.reference());
    assertEquals(new RelativeBins.Bin("pre", null, -13), bins.bin("pre"));
    assertEquals(new RelativeBins.Bin("post", 25, null), bins.bin("post"));
    assertEquals(new RelativeBins.Bin("24", 24, 24), bins.bin("24"));
    assertEquals(List.of("pre", "-12", "-9", "-6", "-3", "0", "3", "6", "9", "12", "15", "18",
        "21", "24", "post"), bins.all().stream().map(RelativeBins.Bin::name).toList());
    assertTrue(bins.bin("-6").before());
    assertTrue(bins.bin("pre").before());
    assertFalse(bins.bin("0").before());
    assertFalse(bins.bin("post").before());
  }

  @Test
  void leadsNotAMultipleOfTheWidthClipTheFirstBin() {
    RelativeBins b = new RelativeBins(4, 5, 3);
    assertEquals("pre", b.name(-5));
    assertEquals("-6", b.name(-4));
    assertEquals(new RelativeBins.Bin("-6", -4, -4), b.bin("-6"));
    assertEquals(new RelativeBins.Bin("3", 3, 5), b.bin("3"));
  }

  @Test
  void badSettingsNameThemselves() {
    EstimationException e = assertThrows(EstimationException.class,
        () -> new EventStudySettings(true, 12, 24, 0));
    assertEquals("estimate.event-study: leads must be >= 1, lags >= 0 and bin-width >= 1, found "
        + "leads = 12, lags = 24, bin-width = 0; the event study was not run", e.getMessage());
  }
}
