package com.ordercloudhub.hub.routecheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The files behind {@code camel.main.routes-include-pattern}: each {@code file:} pattern is a glob
 * relative to the working directory, as Camel reads it ({@code classpath:} patterns are not files
 * an integrator edits and are left out).
 */
public final class RouteFiles {

  private RouteFiles() {}

  /** Every existing file some pattern matches, sorted. */
  public static List<Path> matching(List<String> patterns) {
    Set<Path> files = new TreeSet<>();
    for (String pattern : patterns) {
      String glob = glob(pattern);
      if (glob != null) {
        walk(baseDir(glob)).filter(file -> matches(glob, file)).forEach(files::add);
      }
    }
    return List.copyOf(files);
  }

  /** Whether some {@code file:} pattern matches this file. */
  public static boolean matchedBy(List<String> patterns, Path file) {
    return patterns.stream().map(RouteFiles::glob).anyMatch(g -> g != null && matches(g, file));
  }

  /** The folders the patterns read from (what a watcher watches). */
  public static Set<Path> folders(List<String> patterns) {
    Set<Path> folders = new TreeSet<>();
    for (String pattern : patterns) {
      String glob = glob(pattern);
      if (glob != null) {
        folders.add(baseDir(glob).toAbsolutePath().normalize());
      }
    }
    return folders;
  }

  private static String glob(String pattern) {
    String p = pattern.trim();
    if (!p.startsWith("file:")) {
      return null;
    }
    return p.substring("file:".length()).replaceFirst("^\\./", "");
  }

  /** The pattern's leading segments without wildcards. */
  private static Path baseDir(String glob) {
    String[] segments = glob.split("/");
    StringBuilder base = new StringBuilder(glob.startsWith("/") ? "/" : "");
    for (int i = 0; i < segments.length - 1; i++) {
      if (segments[i].matches(".*[*?\\[{].*")) {
        break;
      }
      if (!segments[i].isEmpty()) {
        base.append(segments[i]).append('/');
      }
    }
    return base.isEmpty() ? Path.of(".") : Path.of(base.toString());
  }

  private static boolean matches(String glob, Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    if (glob.startsWith("/")) {
      return FileSystems.getDefault().getPathMatcher("glob:" + glob).matches(absolute);
    }
    Path relative = Path.of("").toAbsolutePath().relativize(absolute);
    return FileSystems.getDefault().getPathMatcher("glob:" + glob).matches(relative);
  }

  static Stream<Path> walk(Path dir) {
    if (!Files.isDirectory(dir)) {
      return Stream.empty();
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      return paths.filter(Files::isRegularFile).sorted().toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
