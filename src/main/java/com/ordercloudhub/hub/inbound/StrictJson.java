package com.ordercloudhub.hub.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.ordercloudhub.hub.event.JsonFields;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The checks a parsed body passes before anything reads it, so that a signed body can be read one
 * way only: no two property names of one object are the same in any case (the hub reads names in
 * any case, {@link JsonFields}; exact repeats are already refused by the parser), and every name
 * and string is Unicode text (no unpaired surrogate from a {@code \\ud800} escape, which would be
 * stored as {@code ?}). Depth is bounded by the parser's nesting limit. A body without surrogate
 * escapes and with distinct names (nearly every body) is passed by a quick comparison of the names;
 * any other is walked in full, which names the first problem.
 */
final class StrictJson {

  private static final int WIDE = 32;

  private StrictJson() {}

  /**
   * @throws InboundRejection 400 {@code duplicate_property} or {@code invalid_field}
   */
  static void check(JsonNode root, byte[] raw) {
    if (maySpellSurrogate(raw) || !distinctNames(root, new Names(), 0)) {
      walk(root, new ArrayList<>()); // finds the first problem and names it
    }
  }

  /** Names of the objects being compared: each object's from an offset, its children's after. */
  private static final class Names {
    String[] names = new String[64];
    int[] lengths = new int[64];

    void fit(int size) {
      if (size > names.length) {
        int capacity = Math.max(size, names.length * 2);
        names = Arrays.copyOf(names, capacity);
        lengths = Arrays.copyOf(lengths, capacity);
      }
    }
  }

  /**
   * True when no object has two names equal in any case, as {@link #walk} compares them (pairwise,
   * {@link String#equalsIgnoreCase}), without the path or a walk of the scalars; false also for an
   * object wider than {@value #WIDE} names, which {@link #walk} compares through folded names.
   */
  private static boolean distinctNames(JsonNode node, Names seen, int from) {
    if (node.isObject()) {
      if (node.size() > WIDE) {
        return false;
      }
      seen.fit(from + node.size());
      int i = from;
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        String name = field.getKey();
        int length = name.length();
        for (int k = from; k < i; k++) {
          // equal in any case only at equal lengths: most pairs cost one comparison
          if (seen.lengths[k] == length && seen.names[k].equalsIgnoreCase(name)) {
            return false;
          }
        }
        seen.names[i] = name;
        seen.lengths[i] = length;
        i++;
        JsonNode value = field.getValue();
        if (value.isContainerNode() && !distinctNames(value, seen, i)) {
          return false;
        }
      }
    } else if (node.isArray()) {
      for (JsonNode item : node) {
        if (item.isContainerNode() && !distinctNames(item, seen, from)) {
          return false;
        }
      }
    }
    return true;
  }

  private static void walk(JsonNode node, List<Object> path) {
    if (node.isObject()) {
      int size = node.size();
      String[] names = size > 1 ? new String[size] : null;
      int[] keys = size > 1 ? new int[size] : null;
      Map<String, String> wide = null;
      int i = 0;
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); i++) {
        Map.Entry<String, JsonNode> field = it.next();
        String name = field.getKey();
        path.add(name);
        if (!isUnicode(name)) {
          throw unpaired(path, "property name");
        }
        if (names != null) {
          names[i] = name;
          keys[i] = caseHash(name);
          if (i == WIDE) {
            wide = new HashMap<>();
          }
          String first = sameInAnyCase(names, keys, i, wide);
          if (first != null) {
            throw InboundRejection.duplicate(
                JsonProblem.path(path),
                "The property "
                    + JsonProblem.path(path)
                    + " repeats "
                    + JsonProblem.name(first)
                    + " in another case; names match in any case, so the body could be read two"
                    + " ways");
          }
        }
        walk(field.getValue(), path);
        path.remove(path.size() - 1);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        path.add(i);
        walk(node.get(i), path);
        path.remove(path.size() - 1);
      }
    } else if (node.isTextual() && !isUnicode(node.textValue())) {
      throw unpaired(path, "value");
    }
  }

  /**
   * An earlier name of the object equal to {@code names[last]} in any case, or null: pairwise on
   * the case hash while the object is narrow, through a set of folded names once it is wide.
   */
  private static String sameInAnyCase(
      String[] names, int[] keys, int last, Map<String, String> wide) {
    if (wide != null) {
      if (wide.isEmpty()) {
        for (int k = 0; k < last; k++) {
          wide.putIfAbsent(JsonFields.caseKey(names[k]), names[k]);
        }
      }
      return wide.putIfAbsent(JsonFields.caseKey(names[last]), names[last]);
    }
    for (int k = 0; k < last; k++) {
      if (keys[k] == keys[last] && names[k].equalsIgnoreCase(names[last])) {
        return names[k];
      }
    }
    return null;
  }

  /**
   * A hash equal for names equal in any case ({@link JsonFields#caseKey}'s folding, without
   * building the folded string).
   */
  private static int caseHash(String name) {
    int hash = 0;
    for (int i = 0; i < name.length(); i++) {
      int c = name.charAt(i);
      if (c < 0x80) {
        hash = 31 * hash + (c >= 'A' && c <= 'Z' ? c + 32 : c);
      } else {
        int cp = name.codePointAt(i);
        hash = 31 * hash + Character.toLowerCase(Character.toUpperCase(cp));
        i += Character.charCount(cp) - 1;
      }
    }
    return hash;
  }

  /**
   * Whether the bytes hold a {@code \\u} escape of a surrogate ({@code \\uD800} to {@code \\uDFFF},
   * any case). Bytes that are well-formed UTF-8 ({@link #firstInvalidUtf8}) encode no surrogate, so
   * without such an escape no name or string parsed from them holds one, paired or not. A false
   * positive ({@code \\\\uD800}, an escaped backslash) only costs the full walk.
   */
  static boolean maySpellSurrogate(byte[] raw) {
    for (int i = 0; i + 3 < raw.length; i++) {
      if (raw[i] == '\\'
          && raw[i + 1] == 'u'
          && (raw[i + 2] | 0x20) == 'd'
          && isSurrogateHexDigit(raw[i + 3])) {
        return true;
      }
    }
    return false;
  }

  private static boolean isSurrogateHexDigit(byte b) {
    return b == '8' || b == '9' || ((b | 0x20) >= 'a' && (b | 0x20) <= 'f');
  }

  private static InboundRejection unpaired(List<Object> path, String what) {
    String where = JsonProblem.path(path);
    return InboundRejection.invalidField(
        where,
        "The "
            + what
            + " of "
            + where
            + " holds an unpaired surrogate escape (such as \\ud800), which is not Unicode text");
  }

  /** True when every surrogate is part of a pair. */
  static boolean isUnicode(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c)
            && i + 1 < text.length()
            && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
        } else {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * The offset of the first byte that is not well-formed UTF-8 (Unicode table 3-7: no overlong form
   * such as {@code C0 80} for NUL, no encoded surrogate, nothing above U+10FFFF), or of a raw NUL
   * byte, which JSON text never holds and which would make Jackson read the body as UTF-16 or
   * UTF-32; -1 when there is none. Jackson's own decoder accepts all of these.
   */
  static int firstInvalidUtf8(byte[] raw) {
    int i = 0;
    int n = raw.length;
    while (i < n) {
      int b = raw[i] & 0xFF;
      if (b < 0x80) {
        if (b == 0) {
          return i;
        }
        i++;
        continue;
      }
      int length;
      int min = 0x80;
      int max = 0xBF;
      if (b >= 0xC2 && b <= 0xDF) {
        length = 2;
      } else if (b >= 0xE0 && b <= 0xEF) {
        length = 3;
        if (b == 0xE0) {
          min = 0xA0;
        } else if (b == 0xED) {
          max = 0x9F;
        }
      } else if (b >= 0xF0 && b <= 0xF4) {
        length = 4;
        if (b == 0xF0) {
          min = 0x90;
        } else if (b == 0xF4) {
          max = 0x8F;
        }
      } else {
        return i;
      }
      if (i + length > n) {
        return i;
      }
      int second = raw[i + 1] & 0xFF;
      if (second < min || second > max) {
        return i;
      }
      for (int k = 2; k < length; k++) {
        int next = raw[i + k] & 0xFF;
        if (next < 0x80 || next > 0xBF) {
          return i;
        }
      }
      i += length;
    }
    return -1;
  }
}
