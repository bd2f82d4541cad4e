package com.ordercloudhub.hub.ops;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code hub.ops.allowed-origins}, compiled once: the browser origins (besides the hub's own) that
 * may send state-changing requests ({@link CrossSiteRequests}) and call Jolokia ({@link
 * JolokiaAllowList}). In an entry {@code *} matches any characters, the rest is literal; origins
 * compare without regard to case, as scheme and host do.
 */
final class AllowedOrigins {

  private final List<Pattern> patterns;

  AllowedOrigins(List<String> entries) {
    this.patterns =
        entries.stream()
            .map(String::trim)
            .filter(e -> !e.isEmpty())
            .map(AllowedOrigins::pattern)
            .toList();
  }

  /** Whether the origin (scheme://host[:port]) is one of the entries; null never is. */
  boolean contains(String origin) {
    if (origin == null) {
      return false;
    }
    String lower = origin.toLowerCase(Locale.ROOT);
    return patterns.stream().anyMatch(p -> p.matcher(lower).matches());
  }

  private static Pattern pattern(String entry) {
    StringBuilder regex = new StringBuilder();
    String[] parts = entry.toLowerCase(Locale.ROOT).split("\\*", -1);
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        regex.append(".*");
      }
      regex.append(Pattern.quote(parts[i]));
    }
    return Pattern.compile(regex.toString());
  }
}
