package org.visawaiver.impact.export;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.jar.Attributes;
import java.util.jar.JarFile;

/**
 * Which code produced a run: the git commit (from the scripts, or stamped into the jar by the
 * build), the application version, and the jar with its sha256 and build time, so a run submitted
 * with a plain {@code spark-submit} outside the repository can still be traced.
 */
public record BuildInfo(String version, String gitCommit, String jar, String jarSha256, String buildTime) {
  static final String UNKNOWN = "unknown";

  public static BuildInfo of(Class<?> anchor) {
    Path jar = codeSource(anchor);
    Attributes attrs = new Attributes();
    String sha = UNKNOWN;
    if (jar != null && Files.isRegularFile(jar)) {
      try (JarFile f = new JarFile(jar.toFile())) {
        if (f.getManifest() != null) {
          attrs = f.getManifest().getMainAttributes();
        }
      } catch (IOException e) {
        // not a readable jar: keep the defaults
      }
      sha = sha256(jar);
    }
    String commit = System.getProperty("waiver.git-commit");
    if (commit == null || commit.equals(UNKNOWN)) {
      commit = valueOr(attrs.getValue("Git-Commit"), UNKNOWN);
    }
    String version = valueOr(attrs.getValue("Implementation-Version"),
        System.getProperty("waiver.version", "dev"));
    return new BuildInfo(version, commit, jar == null ? UNKNOWN : jar.toString(), sha,
        valueOr(attrs.getValue("Build-Time"), UNKNOWN));
  }

  private static String valueOr(String value, String fallback) {
    return value == null || value.isBlank() || value.startsWith("${") ? fallback : value;
  }

  private static Path codeSource(Class<?> anchor) {
    try {
      var source = anchor.getProtectionDomain().getCodeSource();
      return source == null ? null : Path.of(source.getLocation().toURI());
    } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
      return null;
    }
  }

  private static String sha256(Path file) {
    try (InputStream in = new DigestInputStream(Files.newInputStream(file),
        MessageDigest.getInstance("SHA-256"))) {
      byte[] buffer = new byte[1 << 16];
      while (in.read(buffer) >= 0) {
        // reading feeds the digest
      }
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    } catch (IOException | NoSuchAlgorithmException e) {
      return UNKNOWN;
    }
  }
}
