package com.ordercloudhub.hub.check;

import java.nio.file.Path;

/**
 * Where something is in a file: line and column count from 1. Shown as {@code file:line}, the form
 * editors and the route check's messages use.
 */
public record Location(Path file, int line, int column) {

  /** The start of a file: where problems about the whole file are reported. */
  public static Location start(Path file) {
    return new Location(file, 1, 1);
  }

  @Override
  public String toString() {
    return file + ":" + line;
  }
}
