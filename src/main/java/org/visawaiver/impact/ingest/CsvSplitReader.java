package org.visawaiver.impact.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.visawaiver.impact.config.InputException;

/**
 * Parses one {@link CsvSplit} of a CSV file into rows laid out as {@link RawTable} describes: the
 * line a row starts on (counted from the split's first line), its raw text and its cells. Runs in
 * a Spark task (one split per task) or anywhere else; rows are produced one at a time, so a task
 * holds its split's text and one row.
 */
final class CsvSplitReader implements FlatMapFunction<CsvSplit, Row> {
  static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).build();
  private static final long serialVersionUID = 1L;

  private final String file;
  private final int[] index;
  private final int headerSize;

  /**
   * @param file the CSV file, as the tasks see it
   * @param index for every column of the dataset, its position in the header, or -1 when absent
   * @param headerSize the number of cells of the header row
   */
  CsvSplitReader(String file, int[] index, int headerSize) {
    this.file = file;
    this.index = index.clone();
    this.headerSize = headerSize;
  }

  @Override
  public Iterator<Row> call(CsvSplit split) {
    return rows(split);
  }

  /** The rows of {@code split}, in file order. */
  Iterator<Row> rows(CsvSplit split) {
    String text = read(split);
    Iterator<CSVRecord> records;
    try {
      records = CSVParser.parse(text, FORMAT).iterator();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    LineCounter lines = new LineCounter(text, split.firstLine());
    return new Iterator<>() {
      private CSVRecord current = advance();

      private CSVRecord advance() {
        try {
          return records.hasNext() ? records.next() : null;
        } catch (UncheckedIOException | IllegalStateException e) {
          throw new InputException(file + ": not RFC 4180 CSV (after line " + split.firstLine() + ": "
              + e.getMessage() + "); nothing was validated", e);
        }
      }

      @Override
      public boolean hasNext() {
        return current != null;
      }

      @Override
      public Row next() {
        if (current == null) {
          throw new NoSuchElementException();
        }
        CSVRecord record = current;
        current = advance();
        int start = (int) record.getCharacterPosition();
        // The parser reports the position before the empty lines it skipped.
        while (start < text.length() && (text.charAt(start) == '\n' || text.charAt(start) == '\r')) {
          start++;
        }
        int end = current == null ? text.length() : (int) current.getCharacterPosition();
        return toRow(lines.lineAt(start), stripLineEnds(text.substring(start, end)), record);
      }
    };
  }

  private String read(CsvSplit split) {
    ByteBuffer bytes = ByteBuffer.allocate(Math.toIntExact(split.end() - split.start()));
    try (FileChannel channel = FileChannel.open(Path.of(file), StandardOpenOption.READ)) {
      while (bytes.hasRemaining()) {
        if (channel.read(bytes, split.start() + bytes.position()) < 0) {
          throw new IOException("the file ended at byte " + (split.start() + bytes.position()) + ", before byte "
              + split.end() + "; was it changed while being read?");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + file, e);
    }
    return new String(bytes.array(), StandardCharsets.UTF_8);
  }

  private Row toRow(long line, String raw, CSVRecord record) {
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

  /** Line number of a character position, counting forward only (positions only grow). */
  private static final class LineCounter {
    private final String text;
    private int position;
    private long line;

    LineCounter(String text, long firstLine) {
      this.text = text;
      this.line = firstLine;
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
