package org.visawaiver.impact.ingest;

import java.util.List;

/**
 * What one streaming pass over a CSV file found: its header cells and the record-aligned byte
 * ranges of its data rows, each with the line number it starts on.
 *
 * @param header the cells of the header row
 * @param splits the data rows' byte ranges in file order (none when the file has only a header)
 */
record CsvLayout(List<String> header, List<CsvSplit> splits) {
  CsvLayout {
    header = List.copyOf(header);
    splits = List.copyOf(splits);
  }
}
