package com.ordercloudhub.hub.check;

import java.nio.file.Path;

/**
 * One problem a rule found: {@code file:line: problem — fix}. The column is kept for tools; the
 * text shows file and line only, as it always has.
 */
public record Problem(Path file, int line, int column, String message) {

  /** What is wrong, then the fix ({@code fix} is formatted with {@code args}). */
  public static Problem at(Location at, String problem, String fix, Object... args) {
    return new Problem(at.file(), at.line(), at.column(), problem + " — " + fix.formatted(args));
  }

  public Location at() {
    return new Location(file, line, column);
  }

  /** A library's message on one line, to quote in a problem. */
  public static String oneLine(String text) {
    return text.replaceAll("\\s+", " ").trim();
  }

  @Override
  public String toString() {
    return file + ":" + line + ": " + message;
  }
}
