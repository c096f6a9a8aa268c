package org.visawaiver.impact.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** SHA-256 of an input, for the manifest: a file, or a Parquet folder's data files in name order. */
public final class FileDigest {
  private FileDigest() {}

  public static String sha256(Path path) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (Path file : dataFiles(path)) {
        try (InputStream in = Files.newInputStream(file)) {
          byte[] buffer = new byte[1 << 16];
          int n;
          while ((n = in.read(buffer)) > 0) {
            digest.update(buffer, 0, n);
          }
        }
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + path + " to compute its sha256", e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<Path> dataFiles(Path path) throws IOException {
    if (!Files.isDirectory(path)) {
      return List.of(path);
    }
    try (Stream<Path> files = Files.walk(path)) {
      return files
          .filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().startsWith(".")
              && !p.getFileName().toString().startsWith("_"))
          .sorted()
          .toList();
    }
  }
}
