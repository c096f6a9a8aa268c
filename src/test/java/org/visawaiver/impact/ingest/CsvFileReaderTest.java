package org.visawaiver.impact.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.visawaiver.impact.config.InputException;

/**
 * Line numbers and raw rows as a user sees them in a text editor, whatever the byte ranges the
 * file is cut into (quoted line breaks, CRLF and lone CR across range ends); no Spark needed: the
 * ranges are parsed here one after the other, as the Spark tasks parse them.
 */
class CsvFileReaderTest {
  private static final DatasetSpec SPEC = new DatasetSpec("t", List.of("a", "b"), List.of("c"));
  @TempDir Path dir;

  private Path file(String text) throws IOException {
    Path f = dir.resolve("t.csv");
    Files.writeString(f, text, StandardCharsets.UTF_8);
    return f;
  }

  private static List<Row> rows(Path f, long splitBytes) {
    CsvLayout layout = CsvScanner.scan(f, SPEC, splitBytes);
    CsvSplitReader reader = CsvFileReader.reader(f, SPEC, layout);
    List<Row> rows = new ArrayList<>();
    for (CsvSplit split : layout.splits()) {
      reader.rows(split).forEachRemaining(rows::add);
    }
    return rows;
  }

  /** The rows of the file read as one range, after checking that every range size gives them too. */
  private List<Row> read(String text) throws IOException {
    Path f = file(text);
    List<Row> whole = rows(f, Long.MAX_VALUE);
    long bytes = Files.size(f);
    for (long split = 1; split <= bytes; split++) {
      assertEquals(whole, rows(f, split), "ranges of " + split + " bytes");
    }
    return whole;
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
  void rangesNeverStartInsideAQuotedCell() throws IOException {
    Path f = file("a,b\n1,\"line 2\nline 3\n\nline 5, \"\"still\"\" quoted\"\n6,x\n");
    List<CsvSplit> splits = CsvScanner.scan(f, SPEC, 1).splits();
    assertEquals(List.of(new CsvSplit(4, 48, 2), new CsvSplit(48, 52, 6)), splits,
        "the quoted cell of lines 2 to 5 is one range, however small the range size");
    List<Row> rows = read(Files.readString(f));
    assertEquals(List.of(2L, 6L), rows.stream().map(r -> r.getLong(0)).toList());
    assertEquals("line 2\nline 3\n\nline 5, \"still\" quoted", rows.get(0).getString(4));
  }

  @Test
  void anyCutOfARandomFileGivesTheRowsOfTheWholeFile() throws IOException {
    String[] plain = {"x", "\u00e9", "\uD83D\uDE00", " ", "a\"b"};
    String[] quoted = {"x", ",", "\"\"", "\n", "\r\n", "\r", "\u00e9"};
    String[] lineEnds = {"\n", "\r\n", "\r", "\n\n", "\r\n\r\n"};
    SplittableRandom random = new SplittableRandom(7);
    for (int world = 0; world < 15; world++) {
      StringBuilder text = new StringBuilder(world % 2 == 0 ? "\uFEFFa,b,c" : "a,b,c");
      List<Long> lines = new ArrayList<>();
      for (int row = 0; row < 6; row++) {
        text.append(lineEnds[random.nextInt(lineEnds.length)]);
        int start = text.length();
        lines.add(1 + text.toString().replace("\r\n", "\n").replace('\r', '\n').chars().filter(c -> c == '\n').count());
        int fields = 1 + random.nextInt(4);
        for (int f = 0; f < fields; f++) {
          text.append(f == 0 ? "" : ",");
          boolean inQuotes = random.nextBoolean();
          String[] pieces = inQuotes ? quoted : plain;
          text.append(inQuotes ? "\"" : "");
          for (int k = random.nextInt(4); k > 0; k--) {
            text.append(pieces[random.nextInt(pieces.length)]);
          }
          text.append(inQuotes ? "\"" : "");
        }
        if (text.length() == start) {
          lines.remove(lines.size() - 1); // an empty line: no row
        }
      }
      List<Row> rows = read(text.toString());
      assertEquals(lines, rows.stream().map(r -> r.getLong(0)).toList(), text.toString());
    }
  }

  @Test
  void aCharacterAfterAClosingQuoteStopsTheRunNamingTheLine() throws IOException {
    Path f = file("a,b\n1,2\n3,\"x\ny\"z\n");
    InputException e = assertThrows(InputException.class, () -> rows(f, 2));
    assertEquals(f + ": not RFC 4180 CSV (line 4: the character 'z' follows the closing quote of the cell opened on"
        + " line 3); check quotes: a quoted cell must end with a quote followed by a comma or a line end; nothing"
        + " was validated", e.getMessage());
    assertEquals(1, rows(file("a,b\n1,\"2\"  \n"), 1).size(), "spaces after the closing quote are allowed");
  }

  @Test
  void unclosedQuoteStopsTheRunNamingTheFile() throws IOException {
    InputException e = assertThrows(InputException.class, () -> read("a,b\n1,\"2\n3,4\n"));
    assertTrue(e.getMessage().startsWith(dir.resolve("t.csv") + ": not RFC 4180 CSV (line 2: a quoted cell opens"
        + " and the file ends before its closing quote)"), e.getMessage());
  }

  @Test
  void emptyFileStopsTheRun() throws IOException {
    InputException e = assertThrows(InputException.class, () -> read(""));
    assertEquals(dir.resolve("t.csv") + ": the file is empty; expected a header row naming the columns a, b "
        + "(CONTRACT.md); nothing was validated", e.getMessage());
    assertEquals(List.of(), read("\n\na,b\r\n\r\n"), "a header alone: no rows");
  }
}
