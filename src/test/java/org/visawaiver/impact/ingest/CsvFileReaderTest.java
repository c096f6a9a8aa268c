package org.visawaiver.impact.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.visawaiver.impact.config.InputException;

/** Line numbers and raw rows as a user sees them in a text editor; no Spark needed. */
class CsvFileReaderTest {
  private static final DatasetSpec SPEC = new DatasetSpec("t", List.of("a", "b"), List.of("c"));
  @TempDir Path dir;

  private List<Row> read(String text) throws IOException {
    Path f = dir.resolve("t.csv");
    Files.writeString(f, text);
    return CsvFileReader.read(f, SPEC);
  }

  @Test
  void linesCountQuotedLineBreaksBlankLinesAndCrLf() throws IOException {
    List<Row> rows = read("\uFEFFB,A\r\n1,\"x\r\ny\"\r\n\r\n2,z\r\n\"3\",\" w \"\n");
    assertEquals(3, rows.size());
    // layout: line, raw, shape, a, b, c
    assertEquals(2L, rows.get(0).get(0));
    assertEquals("1,\"x\r\ny\"", rows.get(0).get(1));
    assertEquals("x\r\ny", rows.get(0).get(3), "column a is the second field");
    assertEquals("1", rows.get(0).get(4));
    assertEquals(null, rows.get(0).get(5), "optional column absent: null");
    assertEquals(5L, rows.get(1).get(0), "the blank line 4 is skipped, not counted as a row");
    assertEquals("2,z", rows.get(1).get(1));
    assertEquals(6L, rows.get(2).get(0));
    assertEquals("w", rows.get(2).get(3), "cells are trimmed");
    assertEquals(null, rows.get(2).get(2), "field count matches the header");
  }

  @Test
  void oldMacLineEndsAndShortRows() throws IOException {
    List<Row> rows = read("a,b\r1,2\r3\r");
    assertEquals(3L, rows.get(1).get(0));
    assertEquals("row has 1 field(s) but the header has 2", rows.get(1).get(2));
  }

  @Test
  void unclosedQuoteStopsTheRunNamingTheFile() throws IOException {
    InputException e = assertThrows(InputException.class, () -> read("a,b\n1,\"2\n3,4\n"));
    assertTrue(e.getMessage().startsWith(dir.resolve("t.csv") + ": not RFC 4180 CSV ("), e.getMessage());
  }

  @Test
  void emptyFileStopsTheRun() throws IOException {
    InputException e = assertThrows(InputException.class, () -> read(""));
    assertEquals(dir.resolve("t.csv") + ": the file is empty; expected a header row naming the columns a, b "
        + "(CONTRACT.md); nothing was validated", e.getMessage());
  }
}
