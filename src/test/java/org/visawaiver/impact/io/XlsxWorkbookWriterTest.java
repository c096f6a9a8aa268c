package org.visawaiver.impact.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XlsxWorkbookWriterTest {
  private static final TypedTable TABLE =
      new TypedTable(
          "annual",
          List.of(
              TableColumn.text("scenario", "scenario name"),
              TableColumn.number("arrivals", 0, "whole visitors"),
              TableColumn.number("jobs", 1, "jobs")),
          List.of(
              new Object[] {"=1+2", 12345678.6, 0.04},
              new Object[] {"plain", 2.5e12, null}));

  @Test
  void workbookHasASheetPerTableAndAColumnsSheet(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("t.xlsx");
    XlsxWorkbookWriter.write(file, List.of(TABLE));
    try (ZipFile zip = new ZipFile(file.toFile())) {
      String workbook = entry(zip, "xl/workbook.xml");
      assertTrue(workbook.contains("name=\"annual\""), workbook);
      assertTrue(workbook.contains("name=\"columns\""), workbook);
      String sheet = entry(zip, "xl/worksheets/sheet1.xml");
      // numbers are numeric cells, rounded like the CSV: 12345678.6 -> 12345679, 2.5e12 stays a number
      assertTrue(sheet.contains("<v>12345679</v>") || sheet.contains("<v>1.2345679E7</v>"), sheet);
      List<String> strings = sharedStrings(zip);
      assertTrue(strings.contains("'=1+2"), strings.toString());
      assertFalse(strings.contains("=1+2"), strings.toString());
      assertTrue(strings.contains("whole visitors"), strings.toString());
      assertTrue(strings.contains("number (1 decimals)"), strings.toString());
      assertFalse(zip.stream().map(ZipEntry::getName).anyMatch(n -> n.contains("tmp")));
    }
  }

  @Test
  void csvAndWorkbookShareTheRounding() {
    List<List<String>> csv = TABLE.csvRows();
    assertEquals(List.of("'=1+2", "12345679", "0"), csv.get(0));
    assertEquals(List.of("plain", "2500000000000", ""), csv.get(1));
    assertEquals(12345679.0, TABLE.columns().get(1).rounded(12345678.6));
  }

  private static String entry(ZipFile zip, String name) throws Exception {
    ZipEntry e = zip.getEntry(name);
    assertTrue(e != null, "missing " + name);
    return new String(zip.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8);
  }

  private static List<String> sharedStrings(ZipFile zip) throws Exception {
    String xml = entry(zip, "xl/sharedStrings.xml");
    List<String> out = new ArrayList<>();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("<t[^>]*>([^<]*)</t>").matcher(xml);
    while (m.find()) {
      out.add(m.group(1).replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&"));
    }
    return out;
  }
}
