package com.ordercloudhub.hub.check;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** The nearest of a set of names, for a "did you mean …?" when a name is a typo. */
public final class Names {

  private Names() {}

  /** The most similar name, when one is close enough to be a typo. */
  public static Optional<String> closest(String name, Collection<String> names) {
    return names.stream()
        .filter(n -> distance(n, name) <= Math.max(2, name.length() / 5))
        .min(Comparator.comparingInt(n -> distance(n, name)));
  }

  /** Levenshtein distance. */
  public static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] =
            Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
