package com.ordercloudhub.hub.event;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.ordercloudhub.hub.config.SecretRule;
import java.io.IOException;
import java.io.StringWriter;
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
 * step needs are lifted out to be sealed, and everything the {@link SecretRule} calls a secret
 * becomes {@code [redacted]}: a property by its name (any case, at any depth, in xp, ConfigData and
 * headers too), and any secret-looking part of any text (a JWT, {@code Bearer …}, a connection
 * string's {@code AccountKey=…}) under whatever name. Booleans and nulls are kept: they cannot be
 * secrets, and "Password": null says something.
 */
@Component
public class PayloadRedactor {

  public static final String REDACTED = SecretRule.REDACTED;
  public static final String REMOVED = "[not stored]";

  private final Set<String> removed;
  private final Set<String> sealed;
  private final SecretRule rule;

  public PayloadRedactor(StoreProperties properties, SecretRule rule) {
    this.removed = lower(properties.removedProperties());
    this.sealed = lower(properties.sealedProperties());
    this.rule = rule;
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
        boolean secretPair = namesASecret(object, names);
        for (String name : names) {
          String key = name.toLowerCase(Locale.ROOT);
          JsonNode value = object.get(name);
          JsonPointer child = at.appendProperty(name);
          if (removed.contains(key)) {
            object.put(name, value.isNull() ? null : REMOVED);
          } else if (sealed.contains(key) && value.isValueNode() && !value.isNull()) {
            secrets.put(child.toString(), value.asText());
            object.set(name, TextNode.valueOf(REDACTED));
          } else if ((rule.isSecretName(name) || secretPair && key.equals("value"))
              && !value.isNull()
              && !value.isBoolean()) {
            object.set(name, TextNode.valueOf(REDACTED));
          } else if (value.isContainerNode()) {
            todo.push(Map.entry(child, value));
          } else if (value.isTextual()) {
            String masked = rule.mask(value.textValue());
            if (!masked.equals(value.textValue())) {
              object.set(name, TextNode.valueOf(masked));
            }
          }
        }
      } else if (node instanceof ArrayNode array) {
        for (int i = 0; i < array.size(); i++) {
          JsonNode item = array.get(i);
          if (item.isContainerNode()) {
            todo.push(Map.entry(at.appendIndex(i), item));
          } else if (item.isTextual()) {
            String masked = rule.mask(item.textValue());
            if (!masked.equals(item.textValue())) {
              array.set(i, TextNode.valueOf(masked));
            }
          }
        }
      }
    }
    return new Redacted(copy, secrets);
  }

  /**
   * The stored form of a payload, written straight to JSON as it is redacted: the same text as
   * {@code mapper.writeValueAsString(redact(payload).payload())}, without copying the tree (the
   * intake path: one walk, one serialisation, no copy even when nothing is redacted).
   *
   * @param payload left untouched
   */
  public RedactedJson redactToJson(ObjectNode payload, ObjectMapper mapper) {
    Map<String, String> secrets = new LinkedHashMap<>();
    StringWriter out = new StringWriter(256);
    try (JsonGenerator json = mapper.createGenerator(out)) {
      writeObject(payload, JsonPointer.empty(), json, secrets);
    } catch (IOException e) {
      throw new IllegalStateException("A parsed payload could not be written back as JSON", e);
    }
    return new RedactedJson(out.toString(), secrets);
  }

  // recursion: nesting depth is bounded by the parser that built the tree
  private void writeObject(
      ObjectNode object, JsonPointer at, JsonGenerator json, Map<String, String> secrets)
      throws IOException {
    List<String> names = new ArrayList<>(object.size());
    object.fieldNames().forEachRemaining(names::add);
    boolean secretPair = namesASecret(object, names);
    json.writeStartObject();
    for (String name : names) {
      String key = name.toLowerCase(Locale.ROOT);
      JsonNode value = object.get(name);
      json.writeFieldName(name);
      if (removed.contains(key)) {
        if (value.isNull()) {
          json.writeNull();
        } else {
          json.writeString(REMOVED);
        }
      } else if (sealed.contains(key) && value.isValueNode() && !value.isNull()) {
        secrets.put(at.appendProperty(name).toString(), value.asText());
        json.writeString(REDACTED);
      } else if ((rule.isSecretName(name) || secretPair && key.equals("value"))
          && !value.isNull()
          && !value.isBoolean()) {
        json.writeString(REDACTED);
      } else {
        writeValue(value, at, name, -1, json, secrets);
      }
    }
    json.writeEndObject();
  }

  private void writeValue(
      JsonNode value,
      JsonPointer parent,
      String name,
      int index,
      JsonGenerator json,
      Map<String, String> secrets)
      throws IOException {
    if (value instanceof ObjectNode object) {
      writeObject(
          object,
          name != null ? parent.appendProperty(name) : parent.appendIndex(index),
          json,
          secrets);
    } else if (value instanceof ArrayNode array) {
      JsonPointer at = name != null ? parent.appendProperty(name) : parent.appendIndex(index);
      json.writeStartArray();
      for (int i = 0; i < array.size(); i++) {
        writeValue(array.get(i), at, null, i, json, secrets);
      }
      json.writeEndArray();
    } else if (value.isTextual()) {
      json.writeString(rule.mask(value.textValue()));
    } else {
      json.writeTree(value);
    }
  }

  /**
   * A name/value pair whose name is a secret's ({@code {"Name":"X-Api-Key","Value":"…"}}, as header
   * lists and xp settings are often written): its {@code Value} is one too.
   */
  private boolean namesASecret(ObjectNode object, List<String> names) {
    if (names.size() > 4 || names.stream().noneMatch(n -> n.equalsIgnoreCase("value"))) {
      return false;
    }
    for (String name : names) {
      JsonNode label = object.get(name);
      if ((name.equalsIgnoreCase("name") || name.equalsIgnoreCase("key"))
          && label.isTextual()
          && rule.isSecretName(label.textValue())) {
        return true;
      }
    }
    return false;
  }

  /** True when a property of this name is never stored in clear. */
  public boolean isSecret(String propertyName) {
    String key = propertyName.toLowerCase(Locale.ROOT);
    return removed.contains(key) || sealed.contains(key) || rule.isSecretName(propertyName);
  }

  /** True when a property of this name is stored only sealed (a later step needs it). */
  public boolean isSealed(String propertyName) {
    return sealed.contains(propertyName.toLowerCase(Locale.ROOT));
  }

  private static Set<String> lower(List<String> names) {
    return names.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
  }

  /**
   * @param json the payload to store, as JSON text
   * @param secrets values to keep only encrypted, by JSON pointer into the original payload
   */
  public record RedactedJson(String json, Map<String, String> secrets) {

    @Override
    public String toString() {
      return "RedactedJson[secrets=" + secrets.keySet() + "]";
    }
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
