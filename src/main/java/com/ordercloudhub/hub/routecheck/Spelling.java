package com.ordercloudhub.hub.routecheck;

import com.ordercloudhub.hub.check.Names;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Names as the rules suggest them: kebab-case, and the closest of a set when one is a typo. */
final class Spelling {

  static final Pattern KEBAB_CASE = Pattern.compile("^[a-z][a-z0-9]*(-[a-z0-9]+)*$");

  private Spelling() {}

  /** The most similar name, when one is close enough to be a typo. */
  static Optional<String> closest(String name, Set<String> names) {
    return Names.closest(name, names);
  }

  static String kebab(String name) {
    return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2")
        .replaceAll("[^A-Za-z0-9]+", "-")
        .toLowerCase(Locale.ROOT)
        .replaceAll("^-|-$", "");
  }
}
