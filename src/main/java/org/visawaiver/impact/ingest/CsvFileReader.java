package org.visawaiver.impact.ingest;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.visawaiver.impact.config.InputException;

/**
 * Reads a CSV input (UTF-8, optional byte-order mark, comma separator, RFC 4180 quoting, header
 * row) into rows of strings, keeping for every row the file line it starts on and its raw text, so
 * that rejects can point at them. Parsing is one sequential pass on the driver: line numbers need
 * the file's order, and quoted cells may span lines.
 */
final class CsvFileReader {
  private static final CSVFormat FORMAT =
      CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).build();

  private CsvFileReader() {}

  /** Rows laid out as {@link RawTable} describes, without the Spark schema. */
  static List<Row> read(Path file, DatasetSpec spec) {
    String text = decodeUtf8(file);
    if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
      text = text.substring(1);
    }
    List<Row> rows = new ArrayList<>();
    try (CSVParser parser = CSVParser.parse(new StringReader(text), FORMAT)) {
      Iterator<CSVRecord> records = parser.iterator();
      if (!records.hasNext()) {
        throw new InputException(
            file + ": the file is empty; expected a header row naming the columns "
                + String.join(", ", spec.required()) + " (CONTRACT.md); nothing was validated");
      }
      CSVRecord header = records.next();
      int[] index = columnIndex(file, spec, header);
      LineCounter lines = new LineCounter(text);
      CSVRecord current = records.hasNext() ? records.next() : null;
      while (current != null) {
        CSVRecord next = records.hasNext() ? records.next() : null;
        int start = (int) current.getCharacterPosition();
        // The parser reports the position before the empty lines it skipped.
        while (start < text.length() && (text.charAt(start) == '\n' || text.charAt(start) == '\r')) {
          start++;
        }
        int end = next == null ? text.length() : (int) next.getCharacterPosition();
        rows.add(toRow(lines.lineAt(start), stripLineEnds(text.substring(start, end)), current,
            index, header.size()));
        current = next;
      }
    } catch (UncheckedIOException | IllegalStateException e) {
      throw new InputException(
          file + ": not RFC 4180 CSV (" + rootMessage(e) + "); check quotes: a quoted cell must "
              + "end with a quote followed by a comma or a line end; nothing was validated", e);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file, e);
    }
    return rows;
  }

  private static int[] columnIndex(Path file, DatasetSpec spec, CSVRecord header) {
    ColumnCheck.rejectDuplicates(file.toString(), spec, header.toList());
    List<String> names = new ArrayList<>();
    for (String name : header) {
      names.add(name.trim().toLowerCase(Locale.ROOT));
    }
    List<String> columns = spec.columns();
    int[] index = new int[columns.size()];
    List<String> missing = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      index[i] = names.indexOf(columns.get(i));
      if (index[i] < 0 && i < spec.required().size()) {
        missing.add(columns.get(i));
      }
    }
    if (!missing.isEmpty()) {
      throw new InputException(ColumnCheck.missingMessage(file.toString(), spec, missing, header.toList()));
    }
    return index;
  }

  private static Row toRow(long line, String raw, CSVRecord record, int[] index, int headerSize) {
    Object[] values = new Object[index.length + 3];
    values[0] = line;
    values[1] = raw;
    values[2] = record.size() == headerSize
        ? null
        : "row has " + record.size() + " field(s) but the header has " + headerSize;
    for (int i = 0; i < index.length; i++) {
      values[i + 3] = index[i] >= 0 && index[i] < record.size() ? emptyToNull(record.get(index[i])) : null;
    }
    return RowFactory.create(values);
  }

  static String emptyToNull(String cell) {
    if (cell == null) {
      return null;
    }
    String t = cell.strip();
    return t.isEmpty() ? null : t;
  }

  private static String stripLineEnds(String raw) {
    int end = raw.length();
    while (end > 0 && (raw.charAt(end - 1) == '\n' || raw.charAt(end - 1) == '\r')) {
      end--;
    }
    return raw.substring(0, end);
  }

  /** Strict UTF-8: a byte sequence that is not UTF-8 stops the run, naming the line it is on. */
  private static String decodeUtf8(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new InputException(file + ": could not be read (" + e.getMessage() + "); nothing was validated", e);
    }
    CharsetDecoder decoder =
        StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      int offset = in.position();
      int line = 1;
      for (int i = 0; i < offset; i++) {
        if (bytes[i] == '\n') {
          line++;
        }
      }
      throw new InputException(
          file + " line " + line + ": unreadable encoding: byte offset " + offset
              + " is not UTF-8 (expected UTF-8 text, optionally with a byte-order mark; save the file as "
              + "\"CSV UTF-8\"); nothing was validated");
    }
    decoder.flush(out);
    out.flip();
    return out.toString();
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage();
  }

  /** Line number of a character position, counting forward only (positions only grow). */
  private static final class LineCounter {
    private final String text;
    private int position;
    private long line = 1;

    LineCounter(String text) {
      this.text = text;
    }

    long lineAt(int target) {
      for (; position < target; position++) {
        char c = text.charAt(position);
        boolean lone = c == '\r' && (position + 1 >= text.length() || text.charAt(position + 1) != '\n');
        if (c == '\n' || lone) {
          line++;
        }
      }
      return line;
    }
  }
}
