package com.ordercloudhub.hub.check;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One route file as parsed: its YAML and top-level elements, or why it could not be read (then it
 * has no elements, and no rule but the schema's says anything about its content).
 *
 * @param yaml the document; empty when the file is empty or does not parse
 * @param unreadable why it does not parse; empty when it does
 */
public record RouteFile(
    Path path,
    Optional<YamlNode> yaml,
    Optional<Unreadable> unreadable,
    List<RouteElement> elements) {

  public RouteFile {
    elements = List.copyOf(elements);
  }

  /**
   * @param reason the parser's words, on one line
   * @param marked whether the parser knew the line (a syntax or indentation error there)
   */
  public record Unreadable(Location at, String reason, boolean marked) {}
}
