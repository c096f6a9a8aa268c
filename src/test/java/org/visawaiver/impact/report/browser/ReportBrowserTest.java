package org.visawaiver.impact.report.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.visawaiver.impact.report.ReportFixtures;
import org.visawaiver.impact.report.ReportStep;

/**
 * The report in a real browser: headless Chromium opens index.html with the network off and takes a
 * screenshot; any console error, uncaught exception, failed or outside request, or figure that does
 * not load fails the test. Skipped with a message only where no Chromium is installed and CI is
 * not set (.ci/run installs Debian's chromium, so CI always runs it).
 *
 * <p>REPORT_PAGE=path/index.html checks another page (e.g. the sample run's) and
 * REPORT_SCREENSHOT=file.png keeps the top REPORT_SCREENSHOT_HEIGHT (2200) pixels of the screenshot
 * (docs/report-screenshot.png is made that way).
 */
class ReportBrowserTest {
  static final int WIDTH = 1000;

  @Test
  void opensOfflineWithoutErrorsAndEveryFigureLoads(@TempDir Path tmp) throws Exception {
    Optional<Path> chromium = HeadlessChromium.binary();
    if (chromium.isEmpty()) {
      boolean ci = "true".equals(System.getenv("CI"));
      assertTrue(!ci, "CI=true but no chromium on the PATH: .ci/run must install Debian's chromium package");
      Assumptions.abort("no chromium on the PATH (apt-get install chromium; .ci/run installs it): browser test"
          + " skipped");
    }
    Path page = Optional.ofNullable(System.getenv("REPORT_PAGE")).map(Path::of).orElseGet(() ->
        ReportStep.run(ReportFixtures.config(), ReportFixtures.copyRun(tmp.resolve("out")), "run").orElseThrow());
    String html = Files.readString(page);
    int expected = html.split("data-figure=\"", -1).length - 1;
    assertTrue(expected > 0, "the page has no figure");
    Files.createDirectories(tmp.resolve("profile"));
    try (HeadlessChromium browser = new HeadlessChromium(chromium.get(), tmp.resolve("profile"))) {
      browser.open(page);
      JsonNode images = browser.evaluate("Array.from(document.images).map(i => ({figure: i.dataset.figure,"
          + " loaded: i.complete && i.naturalWidth > 0, width: i.naturalWidth}))");
      List<String> missing = new ArrayList<>();
      images.forEach(i -> {
        if (!i.path("loaded").asBoolean()) {
          missing.add(i.path("figure").asText());
        }
      });
      assertEquals(expected, images.size(), "images on the page");
      assertEquals(List.of(), missing, "figures that did not load");
      assertEquals("Visa waiver impact", browser.evaluate("document.querySelector('h1').textContent").asText());
      byte[] png = browser.screenshot(WIDTH);
      BufferedImage shot = ImageIO.read(new ByteArrayInputStream(png));
      assertEquals(WIDTH, shot.getWidth());
      assertTrue(shot.getHeight() > 2000, "a full page, not a viewport: " + shot.getHeight());
      Optional<Path> keep = Optional.ofNullable(System.getenv("REPORT_SCREENSHOT")).map(Path::of);
      if (keep.isPresent()) { // the top of the page (banner, headline, first figures) for the docs
        int height = Math.min(shot.getHeight(), Integer.parseInt(System.getenv().getOrDefault("REPORT_SCREENSHOT_HEIGHT",
            "2200")));
        ImageIO.write(shot.getSubimage(0, 0, WIDTH, height), "png", keep.get().toFile());
      }
      assertEquals(List.of(), browser.problems, "console errors, failed or outside requests");
    }
  }
}
