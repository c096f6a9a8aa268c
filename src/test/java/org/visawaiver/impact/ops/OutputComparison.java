package org.visawaiver.impact.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Compares the CSV outputs of two runs of the same inputs (issue 5: a cluster run must give what a
 * local run gives): the same set of CSV files; scenario files byte for byte; every other CSV cell
 * by cell, numbers within a relative 1e-10 (coefficients, panel means: sums over partitions may
 * add in another order), text exactly.
 */
final class OutputComparison {
  static final double TOLERANCE = 1e-10;

  private OutputComparison() {}

  static TreeSet<String> csvFiles(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      TreeSet<String> names = new TreeSet<>();
      files.filter(f -> f.toString().endsWith(".csv"))
          .forEach(f -> names.add(dir.relativize(f).toString()));
      return names;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void assertSameOutputs(Path expected, Path actual) throws IOException {
    TreeSet<String> names = csvFiles(expected);
    assertFalse(names.isEmpty(), "no CSV output in " + expected);
    assertEquals(names, csvFiles(actual), "CSV files of " + actual + " vs " + expected);
    for (String name : names) {
      List<String> a = Files.readAllLines(expected.resolve(name));
      List<String> b = Files.readAllLines(actual.resolve(name));
      if (name.startsWith("scenarios")) {
        assertEquals(a, b, name + " must be identical");
        continue;
      }
      assertEquals(a.size(), b.size(), name + ": number of lines");
      for (int i = 0; i < a.size(); i++) {
        assertSameLine(name + " line " + (i + 1), a.get(i), b.get(i));
      }
    }
  }

  static void assertSameLine(String where, String expected, String actual) {
    if (expected.equals(actual)) {
      return;
    }
    // Outputs are spreadsheet-safe CSV; numbers never contain commas, so a split finds the cells
    // to compare numerically (a quoted text cell with a comma then compares exactly as a whole).
    String[] a = expected.split(",", -1);
    String[] b = actual.split(",", -1);
    assertEquals(a.length, b.length, where + ": cells\n" + expected + "\n" + actual);
    for (int i = 0; i < a.length; i++) {
      if (a[i].equals(b[i])) {
        continue;
      }
      double x = parse(a[i], where, expected, actual);
      double y = parse(b[i], where, expected, actual);
      double scale = Math.max(1.0, Math.max(Math.abs(x), Math.abs(y)));
      assertTrue(Math.abs(x - y) <= TOLERANCE * scale,
          where + " cell " + (i + 1) + ": " + a[i] + " vs " + b[i] + " differ by more than 1e-10");
    }
  }

  private static double parse(String cell, String where, String expected, String actual) {
    try {
      return Double.parseDouble(cell);
    } catch (NumberFormatException e) {
      throw new AssertionError(where + ": text differs\n" + expected + "\n" + actual);
    }
  }
}
