package com.ordercloudhub.hub.event;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Makes a payload safe to store: live credentials ({@code UserToken}) are removed, secrets a later
 * step needs are lifted out to be sealed, other secrets become {@code [redacted]}. Property names
 * match in any case, at any depth.
 */
@Component
public class PayloadRedactor {

  public static final String REDACTED = "[redacted]";
  public static final String REMOVED = "[not stored]";

  private final Set<String> removed;
  private final Set<String> sealed;
  private final Set<String> redacted;

  public PayloadRedactor(StoreProperties properties) {
    this.removed = lower(properties.removedProperties());
    this.sealed = lower(properties.sealedProperties());
    this.redacted = lower(properties.redactedProperties());
  }

  /**
   * @param payload left untouched; a redacted copy is returned
   * @return the copy to store and the secrets to seal, keyed by JSON pointer
   */
  public Redacted redact(ObjectNode payload) {
    ObjectNode copy = payload.deepCopy();
    Map<String, String> secrets = new LinkedHashMap<>();
    // iterative walk: nesting depth is bounded by the parser, but a stack costs nothing here
    Deque<Map.Entry<JsonPointer, JsonNode>> todo = new ArrayDeque<>();
    todo.push(Map.entry(JsonPointer.empty(), copy));
    while (!todo.isEmpty()) {
      var next = todo.pop();
      JsonPointer at = next.getKey();
      JsonNode node = next.getValue();
      if (node instanceof ObjectNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
          String key = name.toLowerCase(Locale.ROOT);
          JsonNode value = object.get(name);
          JsonPointer child = at.appendProperty(name);
          if (removed.contains(key)) {
            object.put(name, value.isNull() ? null : REMOVED);
          } else if (sealed.contains(key) && value.isValueNode() && !value.isNull()) {
            secrets.put(child.toString(), value.asText());
            object.set(name, TextNode.valueOf(REDACTED));
          } else if (redacted.contains(key) && !value.isNull()) {
            object.set(name, TextNode.valueOf(REDACTED));
          } else if (value.isContainerNode()) {
            todo.push(Map.entry(child, value));
          }
        }
      } else if (node instanceof ArrayNode array) {
        for (int i = 0; i < array.size(); i++) {
          if (array.get(i).isContainerNode()) {
            todo.push(Map.entry(at.appendIndex(i), array.get(i)));
          }
        }
      }
    }
    return new Redacted(copy, secrets);
  }

  /** True when a property of this name is never stored in clear. */
  public boolean isSecret(String propertyName) {
    String key = propertyName.toLowerCase(Locale.ROOT);
    return removed.contains(key) || sealed.contains(key) || redacted.contains(key);
  }

  /** True when a property of this name is stored only sealed (a later step needs it). */
  public boolean isSealed(String propertyName) {
    return sealed.contains(propertyName.toLowerCase(Locale.ROOT));
  }

  private static Set<String> lower(List<String> names) {
    return names.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
  }

  /**
   * @param payload what may be stored and shown
   * @param secrets values to keep only encrypted, by JSON pointer into the original payload
   */
  public record Redacted(ObjectNode payload, Map<String, String> secrets) {

    @Override
    public String toString() {
      return "Redacted[secrets=" + secrets.keySet() + "]";
    }
  }
}
