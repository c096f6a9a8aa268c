package org.visawaiver.impact.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVParser;
import org.visawaiver.impact.config.InputException;

/**
 * One streaming pass over a CSV file on the driver, in constant memory and without building any
 * cell: it checks that the bytes are UTF-8, follows the quoting of RFC 4180 as the parser reads it
 * (a cell is quoted when its first character is a quote; a doubled quote inside is a quote; after
 * the closing quote only spaces may come before the comma or line end), counts the lines (LF, CRLF
 * or a lone CR; line breaks inside quoted cells count, as in a text editor), reads the header row,
 * and cuts the data rows into byte ranges of about {@code splitBytes}, each starting at a record
 * boundary with its line number. Spark tasks then parse the ranges in parallel ({@link
 * CsvSplitReader}). A byte-order mark is skipped; empty lines are no rows.
 */
final class CsvScanner {
  private static final int FIELD_START = 0;
  private static final int SIMPLE = 1;
  private static final int QUOTED = 2;
  private static final int QUOTE_IN_QUOTED = 3;
  private static final int AFTER_CLOSING_QUOTE = 4;
  private static final int BUFFER = 1 << 20;

  private final Path file;
  private final long splitBytes;
  private final List<CsvSplit> splits = new ArrayList<>();
  private int state = FIELD_START;
  private boolean atRecordStart = true;
  private long line = 1;
  private long quoteLine;
  private long newlines;
  private long position;
  private int previous = -1;
  private StringBuilder header;
  private boolean headerDone;
  private long splitStart = -1;
  private long splitLine;

  private CsvScanner(Path file, long splitBytes) {
    this.file = file;
    this.splitBytes = Math.max(1, splitBytes);
  }

  /** The header and record-aligned ranges of {@code file}; bad encoding or quoting stops the run. */
  static CsvLayout scan(Path file, DatasetSpec spec, long splitBytes) {
    CsvScanner scanner = new CsvScanner(file, splitBytes);
    scanner.read();
    if (scanner.header == null) {
      throw new InputException(
          file + ": the file is empty; expected a header row naming the columns "
              + String.join(", ", spec.required()) + " (CONTRACT.md); nothing was validated");
    }
    return new CsvLayout(scanner.headerCells(), scanner.splits);
  }

  private void read() {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    long decoded = 0;
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      int buffer = (int) Math.min(BUFFER, channel.size() + 8);
      ByteBuffer in = ByteBuffer.allocate(buffer);
      CharBuffer out = CharBuffer.allocate(buffer);
      boolean eof = false;
      while (true) {
        eof = eof || channel.read(in) < 0;
        in.flip();
        int before = in.position();
        CoderResult result = decoder.decode(in, out, eof);
        decoded += in.position() - before;
        accept(out);
        if (result.isError()) {
          throw encodingError(decoded);
        }
        in.compact();
        if (eof && result.isUnderflow()) {
          decoder.flush(out);
          accept(out);
          break;
        }
      }
    } catch (IOException e) {
      throw new InputException(file + ": could not be read (" + e.getMessage() + "); nothing was validated", e);
    }
    end();
  }

  private void accept(CharBuffer out) {
    out.flip();
    char[] chars = out.array();
    for (int i = out.position(); i < out.limit(); i++) {
      accept(chars[i]);
    }
    out.clear();
  }

  private void accept(char c) {
    if (position == 0 && previous < 0 && c == '\uFEFF') {
      position += 3;
      return;
    }
    if (previous == '\r' && c != '\n') {
      line++;
    }
    if (atRecordStart && !(previous == '\r' && c == '\n')) {
      boundary();
    }
    step(c);
    if (c == '\n') {
      line++;
      newlines++;
    }
    position += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
    previous = c;
  }

  /** A record may start here: the data begins at the first such place after the header. */
  private void boundary() {
    if (!headerDone) {
      return;
    }
    if (splitStart < 0) {
      splitStart = position;
      splitLine = line;
    } else if (position - splitStart >= splitBytes) {
      splits.add(new CsvSplit(splitStart, position, splitLine));
      splitStart = position;
      splitLine = line;
    }
  }

  private void step(char c) {
    boolean lineEnd = c == '\n' || c == '\r';
    if (header != null && !headerDone && !lineEnd) {
      header.append(c);
    }
    switch (state) {
      case FIELD_START -> {
        if (lineEnd) {
          recordEnd();
          return;
        }
        if (atRecordStart && header == null) {
          header = new StringBuilder().append(c);
        }
        atRecordStart = false;
        if (c == '"') {
          state = QUOTED;
          quoteLine = line;
        } else if (c != ',') {
          state = SIMPLE;
        }
      }
      case SIMPLE -> {
        if (lineEnd) {
          recordEnd();
        } else if (c == ',') {
          state = FIELD_START;
        }
      }
      case QUOTED -> {
        if (c == '"') {
          state = QUOTE_IN_QUOTED;
        } else if (header != null && !headerDone && lineEnd) {
          header.append(c);
        }
      }
      default -> afterQuote(c, lineEnd);
    }
  }

  /** After a quote inside a quoted cell: a second quote, or the end of the cell. */
  private void afterQuote(char c, boolean lineEnd) {
    if (state == QUOTE_IN_QUOTED && c == '"') {
      state = QUOTED;
    } else if (lineEnd) {
      recordEnd();
    } else if (c == ',') {
      state = FIELD_START;
    } else if (Character.isWhitespace(c)) {
      state = AFTER_CLOSING_QUOTE;
    } else {
      throw syntaxError("line " + line + ": the character '" + c + "' follows the closing quote of the cell"
          + " opened on line " + quoteLine);
    }
  }

  private void recordEnd() {
    state = FIELD_START;
    atRecordStart = true;
    if (header != null) {
      headerDone = true;
    }
  }

  private void end() {
    if (state == QUOTED) {
      throw syntaxError("line " + quoteLine + ": a quoted cell opens and the file ends before its closing quote");
    }
    if (header != null) {
      headerDone = true;
    }
    if (splitStart >= 0 && position > splitStart) {
      splits.add(new CsvSplit(splitStart, position, splitLine));
    }
  }

  private List<String> headerCells() {
    try (CSVParser parser = CSVParser.parse(header.toString(), CsvSplitReader.FORMAT)) {
      return parser.iterator().next().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("could not parse the header of " + file, e);
    }
  }

  private InputException syntaxError(String what) {
    return new InputException(
        file + ": not RFC 4180 CSV (" + what + "); check quotes: a quoted cell must "
            + "end with a quote followed by a comma or a line end; nothing was validated");
  }

  private InputException encodingError(long offset) {
    return new InputException(
        file + " line " + (newlines + 1) + ": unreadable encoding: byte offset " + offset
            + " is not UTF-8 (expected UTF-8 text, optionally with a byte-order mark; save the file as "
            + "\"CSV UTF-8\"); nothing was validated");
  }
}
