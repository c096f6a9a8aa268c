package org.visawaiver.impact.report.workbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.visawaiver.impact.config.JobConfig;
import org.visawaiver.impact.report.ReportFixtures;
import org.visawaiver.impact.report.ReportStep;

/** Reads the workbook's XML back: sheet order, number formats of given cells, frozen headers, widths. */
class ScenarioWorkbookTest {
  static final Path RUN = Path.of("src/test/resources/report/run");

  @Test
  void sheetsInOrderWithNumberFormatsFrozenHeadersWidthsAndNoFormulas(@TempDir Path out) throws Exception {
    ReportFixtures.copyRun(out);
    Path file = ReportStep.workbook(ReportFixtures.config(), out, "run").orElseThrow();
    Map<String, String> parts = unzip(file);
    String book = parts.get("xl/workbook.xml");
    List<String> names = new ArrayList<>();
    Matcher m = Pattern.compile("<sheet name=\"([^\"]+)\"").matcher(book);
    while (m.find()) {
      names.add(m.group(1));
    }
    assertEquals(ScenarioWorkbook.SHEETS, names);
    Map<Integer, String> formats = numberFormats(parts.get("xl/styles.xml"));
    for (String part : parts.keySet()) { // every part is well-formed XML (a spreadsheet refuses others)
      if (part.endsWith(".xml")) {
        javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
            .parse(new java.io.ByteArrayInputStream(parts.get(part).getBytes(StandardCharsets.UTF_8)));
      }
    }
    // Summary (sheet1): B2 destination (text), H2 incremental_arrivals_p10, N2 visa_fees_forgone_usd,
    // Y2 prob_net_fiscal_positive, AB2 effect_pct_p10 (stored / 100)
    String summary = parts.get("xl/worksheets/sheet1.xml");
    assertEquals(ColumnFormat.COUNT, formats.get(style(summary, "H2")));
    assertEquals(ColumnFormat.USD, formats.get(style(summary, "N2")));
    assertEquals(ColumnFormat.PERCENT, formats.get(style(summary, "Y2")));
    assertEquals("0.5312", value(summary, "Y2"));
    assertEquals(ColumnFormat.PERCENT, formats.get(style(summary, "AB2")));
    assertEquals(0.184, Double.parseDouble(value(summary, "AB2")), 1e-12);
    assertEquals(ColumnFormat.ONE_DECIMAL, formats.get(style(summary, "V2")));
    for (int s = 1; s <= 6; s++) {
      String sheet = parts.get("xl/worksheets/sheet" + s + ".xml");
      assertTrue(sheet.contains("state=\"frozen\"") && sheet.contains("ySplit=\"1\""), "sheet " + s);
      assertTrue(sheet.contains("<col ") && sheet.contains("customWidth=\"true\""), "sheet " + s);
      assertFalse(sheet.contains("<f>"), "sheet " + s + " has a formula");
    }
    // Estimates (sheet3): C2 = estimate with four decimals, as written in coefficients.csv
    String estimates = parts.get("xl/worksheets/sheet3.xml");
    assertEquals(ColumnFormat.ESTIMATE, formats.get(style(estimates, "C2")));
    assertEquals("0.18841274347958478", value(estimates, "C2"));
    // Assumptions hold the parameters with their sources (shared strings)
    assertTrue(parts.get("xl/sharedStrings.xml").contains("spend 673 = USD 803.51 x 0.8376 (test source)"));
    assertTrue(parts.get("xl/sharedStrings.xml").contains("percent (0.0%); the cell holds the CSV value / 100"));
  }

  @Test
  void noWorkbookWhenScenarioXlsxIsFalse(@TempDir Path out) {
    assertEquals(java.util.Optional.empty(),
        ReportStep.workbook(ReportFixtures.config("scenario.xlsx=false"), out, "run"));
  }

  private static Map<String, String> unzip(Path file) throws IOException {
    Map<String, String> parts = new HashMap<>();
    try (ZipFile z = new ZipFile(file.toFile())) {
      for (ZipEntry e : java.util.Collections.list(z.entries())) {
        try (InputStream in = z.getInputStream(e)) {
          parts.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
      }
    }
    return parts;
  }

  /** Style index -> number format code, through cellXfs and numFmts. */
  private static Map<Integer, String> numberFormats(String styles) {
    Map<String, String> codes = new HashMap<>();
    Matcher f = Pattern.compile("<numFmt numFmtId=\"(\\d+)\" formatCode=\"([^\"]*)\"").matcher(styles);
    while (f.find()) {
      codes.put(f.group(1), f.group(2));
    }
    String xfs = styles.substring(styles.indexOf("<cellXfs"), styles.indexOf("</cellXfs>"));
    Matcher x = Pattern.compile("<xf [^>]*numFmtId=\"(\\d+)\"").matcher(xfs);
    Map<Integer, String> out = new HashMap<>();
    for (int i = 0; x.find(); i++) {
      out.put(i, codes.getOrDefault(x.group(1), "builtin " + x.group(1)));
    }
    return out;
  }

  private static int style(String sheet, String ref) {
    Matcher m = Pattern.compile("<c r=\"" + ref + "\"[^>]*?s=\"(\\d+)\"").matcher(sheet);
    assertTrue(m.find(), ref + " has no style");
    return Integer.parseInt(m.group(1));
  }

  private static String value(String sheet, String ref) {
    Matcher m = Pattern.compile("<c r=\"" + ref + "\"[^>]*>(?:<f>[^<]*</f>)?<v>([^<]*)</v>").matcher(sheet);
    assertTrue(m.find(), ref + " has no value");
    return m.group(1);
  }
}
