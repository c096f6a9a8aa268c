package org.visawaiver.impact.ingest;

import java.io.Serializable;

/**
 * A byte range of a CSV file that starts at the beginning of a record (never inside a quoted
 * cell, never between the CR and LF of one line end) and ends where the next range starts.
 *
 * @param start byte offset of the first byte
 * @param end byte offset after the last byte
 * @param firstLine the file's line number at {@code start} (1-based, as in a text editor)
 */
public record CsvSplit(long start, long end, long firstLine) implements Serializable {}
