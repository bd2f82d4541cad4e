package com.ordercloudhub.hub.impact;

import com.ordercloudhub.hub.routecheck.RouteFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A temporary copy of the working tree's route files, mappings and e-mail templates with the
 * proposed files laid over it: what the proposed side's inert hub reads. Deleted on close.
 */
final class WorkingTree implements AutoCloseable {

  private final Path root;
  private final List<String> routePatterns;

  private WorkingTree(Path root, List<String> routePatterns) {
    this.root = root;
    this.routePatterns = routePatterns;
  }

  /**
   * @param routePatterns {@code camel.main.routes-include-pattern} of the running hub ({@code
   *     file:} globs relative to the working directory; others are left as they are)
   * @param mappings {@code hub.mappings.dir}
   * @param templates {@code hub.mail.templates-dir}
   * @param proposed checked proposed files, by repository path ({@link ProposedFiles})
   */
  static WorkingTree of(
      List<String> routePatterns, Path mappings, Path templates, Map<String, byte[]> proposed) {
    Path root;
    try {
      root = Files.createTempDirectory("hub-impact-");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the impact run's working copy", e);
    }
    WorkingTree tree = null;
    try {
      List<String> patterns = new ArrayList<>();
      for (String pattern : routePatterns) {
        String glob = glob(pattern);
        if (glob == null) {
          patterns.add(pattern);
          continue;
        }
        for (Path file : RouteFiles.matching(List.of(pattern))) {
          copy(file, root.resolve(relative(file)));
        }
        patterns.add("file:" + root.resolve(relative(Path.of(glob))).toString().replace('\\', '/'));
      }
      copyTree(mappings, root.resolve("mappings"));
      copyTree(templates, root.resolve("templates/email"));
      tree = new WorkingTree(root, List.copyOf(patterns));
      for (Map.Entry<String, byte[]> file : proposed.entrySet()) {
        Path target = root.resolve(file.getKey()).normalize();
        if (!target.startsWith(root)) {
          throw new ProposedFiles.Refused(
              file.getKey(), file.getKey() + " leaves the working copy");
        }
        Files.createDirectories(target.getParent());
        Files.write(target, file.getValue());
      }
      return tree;
    } catch (IOException | RuntimeException e) {
      if (tree != null) {
        tree.close();
      } else {
        delete(root);
      }
      if (e instanceof IOException io) {
        throw new UncheckedIOException("Cannot build the impact run's working copy", io);
      }
      throw (RuntimeException) e;
    }
  }

  /** The settings that make an inert hub read this copy. */
  Map<String, Object> settings() {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("camel.main.routes-include-pattern", String.join(",", routePatterns));
    settings.put("hub.mappings.dir", root.resolve("mappings").toString());
    settings.put("hub.mail.templates-dir", root.resolve("templates/email").toString());
    return settings;
  }

  Path root() {
    return root;
  }

  List<String> routePatterns() {
    return routePatterns;
  }

  /**
   * Paths in the copy as the working tree names them: {@code mappings/erp/x.jsonata}, a route file
   * by its path on disk.
   */
  String shown(String text) {
    String separator = root.getFileSystem().getSeparator();
    return text.replace(root.resolve("absolute") + separator, separator)
        .replace(root + separator, "")
        .replace(root.toString(), ".");
  }

  @Override
  public void close() {
    delete(root);
  }

  private static String glob(String pattern) {
    String p = pattern.trim();
    return p.startsWith("file:") ? p.substring("file:".length()).replaceFirst("^\\./", "") : null;
  }

  /** A path below the copy's root: relative as it is, an absolute one under its root's name. */
  private static Path relative(Path path) {
    return path.isAbsolute() ? Path.of("absolute").resolve(path.getRoot().relativize(path)) : path;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    if (!Files.isDirectory(from)) {
      return;
    }
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        copy(file, to.resolve(from.relativize(file).toString()));
      }
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    Files.createDirectories(to.getParent());
    Files.copy(from, to);
  }

  private static void delete(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      // a temporary folder left behind is not worth failing the answer for
    }
  }
}
