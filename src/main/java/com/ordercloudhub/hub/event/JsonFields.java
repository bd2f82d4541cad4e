package com.ordercloudhub.hub.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Property lookup by name in any case, as OrderCloud's own .NET receivers bind JSON ({@code LogID},
 * {@code logId} and {@code LOGID} are the same property). Because of that, a body with two names
 * that are the same in any case is refused at the door ({@link StrictJson}, with {@link #caseKey}):
 * the first match here is then the only one.
 */
public final class JsonFields {

  private JsonFields() {}

  /** The value of the first property whose name equals {@code name} ignoring case, or null. */
  public static JsonNode get(JsonNode object, String name) {
    if (object == null || !object.isObject()) {
      return null;
    }
    JsonNode exact = object.get(name);
    if (exact != null) {
      return exact;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (field.getKey().equalsIgnoreCase(name)) {
        return field.getValue();
      }
    }
    return null;
  }

  /**
   * A key equal for two names exactly when {@link String#equalsIgnoreCase} says they are equal:
   * each code point upper-cased, then lower-cased, as that comparison does.
   */
  public static String caseKey(String name) {
    StringBuilder key = null;
    for (int i = 0; i < name.length(); ) {
      int cp = name.codePointAt(i);
      int folded = Character.toLowerCase(Character.toUpperCase(cp));
      if (folded != cp && key == null) {
        key = new StringBuilder(name.length()).append(name, 0, i);
      }
      if (key != null) {
        key.appendCodePoint(folded);
      }
      i += Character.charCount(cp);
    }
    return key == null ? name : key.toString();
  }

  /** The text of a string property, or null when absent, JSON null or not a string. */
  public static String text(JsonNode object, String name) {
    JsonNode value = get(object, name);
    return value != null && value.isTextual() ? value.asText() : null;
  }

  /** Follows a path of property names, each matched in any case. */
  public static JsonNode path(JsonNode object, String... names) {
    JsonNode current = object;
    for (String name : names) {
      current = get(current, name);
      if (current == null) {
        return null;
      }
    }
    return current;
  }
}
