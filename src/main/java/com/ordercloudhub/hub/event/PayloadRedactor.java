package com.ordercloudhub.hub.event;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.FloatNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.ShortNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.ordercloudhub.hub.config.SecretRule;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
  private final Map<String, Integer> verdicts = new ConcurrentHashMap<>();

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
    Deque<Map.Entry<Path, JsonNode>> todo = new ArrayDeque<>();
    todo.push(Map.entry(Path.ROOT, copy));
    while (!todo.isEmpty()) {
      var next = todo.pop();
      Path at = next.getKey();
      JsonNode node = next.getValue();
      if (node instanceof ObjectNode object) {
        boolean secretPair = namesASecret(object);
        for (Map.Entry<String, JsonNode> field : object.properties()) {
          String name = field.getKey();
          int verdict = verdict(name);
          JsonNode value = field.getValue();
          if ((verdict & REMOVED_NAME) != 0) {
            field.setValue(value.isNull() ? NullNode.getInstance() : TextNode.valueOf(REMOVED));
          } else if ((verdict & SEALED_NAME) != 0 && value.isValueNode() && !value.isNull()) {
            secrets.put(at.pointer(name), value.asText());
            field.setValue(TextNode.valueOf(REDACTED));
          } else if (((verdict & SECRET_NAME) != 0 || secretPair && (verdict & VALUE) != 0)
              && !value.isNull()
              && !value.isBoolean()) {
            field.setValue(TextNode.valueOf(REDACTED));
          } else if (value.isContainerNode()) {
            todo.push(Map.entry(new Path(at, name, -1), value));
          } else if (value.isTextual()) {
            String masked = rule.mask(value.textValue());
            if (!masked.equals(value.textValue())) {
              field.setValue(TextNode.valueOf(masked));
            }
          }
        }
      } else if (node instanceof ArrayNode array) {
        for (int i = 0; i < array.size(); i++) {
          JsonNode item = array.get(i);
          if (item.isContainerNode()) {
            todo.push(Map.entry(new Path(at, null, i), item));
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
      writeObject(payload, Path.ROOT, json, secrets);
    } catch (IOException e) {
      throw new IllegalStateException("A parsed payload could not be written back as JSON", e);
    }
    return new RedactedJson(out.toString(), secrets);
  }

  // recursion: nesting depth is bounded by the parser that built the tree
  private void writeObject(
      ObjectNode object, Path at, JsonGenerator json, Map<String, String> secrets)
      throws IOException {
    boolean secretPair = namesASecret(object);
    json.writeStartObject();
    for (Map.Entry<String, JsonNode> field : object.properties()) {
      String name = field.getKey();
      int verdict = verdict(name);
      JsonNode value = field.getValue();
      json.writeFieldName(name);
      if ((verdict & REMOVED_NAME) != 0) {
        if (value.isNull()) {
          json.writeNull();
        } else {
          json.writeString(REMOVED);
        }
      } else if ((verdict & SEALED_NAME) != 0 && value.isValueNode() && !value.isNull()) {
        secrets.put(at.pointer(name), value.asText());
        json.writeString(REDACTED);
      } else if (((verdict & SECRET_NAME) != 0 || secretPair && (verdict & VALUE) != 0)
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
      Path parent,
      String name,
      int index,
      JsonGenerator json,
      Map<String, String> secrets)
      throws IOException {
    if (value instanceof ObjectNode object) {
      writeObject(object, new Path(parent, name, index), json, secrets);
    } else if (value instanceof ArrayNode array) {
      Path at = new Path(parent, name, index);
      json.writeStartArray();
      for (int i = 0; i < array.size(); i++) {
        writeValue(array.get(i), at, null, i, json, secrets);
      }
      json.writeEndArray();
    } else if (value.isTextual()) {
      json.writeString(rule.mask(value.textValue()));
    } else {
      writeScalar(value, json);
    }
  }

  /**
   * What {@code json.writeTree(value)} writes, without going through the mapper for each number (a
   * serializer provider per value, and a flush after each).
   */
  private static void writeScalar(JsonNode value, JsonGenerator json) throws IOException {
    if (value.isNull()) {
      json.writeNull();
    } else if (value.isBoolean()) {
      json.writeBoolean(value.booleanValue());
    } else if (value instanceof IntNode) {
      json.writeNumber(value.intValue());
    } else if (value instanceof ShortNode) {
      json.writeNumber(value.shortValue());
    } else if (value instanceof LongNode) {
      json.writeNumber(value.longValue());
    } else if (value instanceof DoubleNode) {
      json.writeNumber(value.doubleValue());
    } else if (value instanceof FloatNode) {
      json.writeNumber(value.floatValue());
    } else if (value instanceof DecimalNode) {
      json.writeNumber(value.decimalValue());
    } else if (value instanceof BigIntegerNode) {
      json.writeNumber(value.bigIntegerValue());
    } else {
      json.writeTree(value);
    }
  }

  /**
   * True when {@link #redact} would change anything in the payload but for the secrets it lifts
   * out: a stored payload is already redacted unless the rule has grown since it was stored. Reads
   * only, copies and writes nothing.
   */
  public boolean wouldChange(ObjectNode payload) {
    return changes(payload);
  }

  // recursion: nesting depth is bounded by the parser that built the tree
  private boolean changes(JsonNode node) {
    if (node instanceof ObjectNode object) {
      boolean secretPair = namesASecret(object);
      for (Map.Entry<String, JsonNode> field : object.properties()) {
        int verdict = verdict(field.getKey());
        JsonNode value = field.getValue();
        if ((verdict & REMOVED_NAME) != 0) {
          if (!value.isNull() && !REMOVED.equals(value.textValue())) {
            return true;
          }
        } else if ((verdict & SEALED_NAME) != 0 && value.isValueNode() && !value.isNull()) {
          if (!REDACTED.equals(value.textValue())) {
            return true;
          }
        } else if (((verdict & SECRET_NAME) != 0 || secretPair && (verdict & VALUE) != 0)
            && !value.isNull()
            && !value.isBoolean()) {
          if (!REDACTED.equals(value.textValue())) {
            return true;
          }
        } else if (changes(value)) {
          return true;
        }
      }
      return false;
    }
    if (node instanceof ArrayNode array) {
      for (JsonNode item : array) {
        if (changes(item)) {
          return true;
        }
      }
      return false;
    }
    return node.isTextual() && !rule.mask(node.textValue()).equals(node.textValue());
  }

  /**
   * A name/value pair whose name is a secret's ({@code {"Name":"X-Api-Key","Value":"…"}}, as header
   * lists and xp settings are often written): its {@code Value} is one too.
   */
  private boolean namesASecret(ObjectNode object) {
    if (object.size() > 4) {
      return false;
    }
    boolean value = false;
    for (Map.Entry<String, JsonNode> field : object.properties()) {
      value |= (verdict(field.getKey()) & ANY_CASE_VALUE) != 0;
    }
    if (!value) {
      return false;
    }
    for (Map.Entry<String, JsonNode> field : object.properties()) {
      JsonNode label = field.getValue();
      if ((verdict(field.getKey()) & LABEL) != 0
          && label.isTextual()
          && rule.isSecretName(label.textValue())) {
        return true;
      }
    }
    return false;
  }

  // what a property name calls for, judged once per name (payloads repeat theirs)
  private static final int REMOVED_NAME = 1;
  private static final int SEALED_NAME = 2;
  private static final int SECRET_NAME = 4;
  private static final int VALUE = 8; // "value" in lower case
  private static final int ANY_CASE_VALUE = 16; // "value" ignoring case
  private static final int LABEL = 32; // "name" or "key" ignoring case

  private int verdict(String name) {
    Integer known = verdicts.get(name);
    if (known != null) {
      return known;
    }
    String key = name.toLowerCase(Locale.ROOT);
    int verdict =
        (removed.contains(key) ? REMOVED_NAME : 0)
            | (sealed.contains(key) ? SEALED_NAME : 0)
            | (rule.isSecretName(name) ? SECRET_NAME : 0)
            | (key.equals("value") ? VALUE : 0)
            | (name.equalsIgnoreCase("value") ? ANY_CASE_VALUE : 0)
            | (name.equalsIgnoreCase("name") || name.equalsIgnoreCase("key") ? LABEL : 0);
    if (verdicts.size() < 10_000) {
      verdicts.put(name, verdict);
    }
    return verdict;
  }

  /**
   * Where a value is, as the walk goes: its JSON pointer is written only for a secret to seal (most
   * payloads have none), not compiled at every step.
   */
  private record Path(Path parent, String name, int index) {

    static final Path ROOT = new Path(null, null, -1);

    String pointer(String property) {
      return with(JsonPointer.empty()).appendProperty(property).toString();
    }

    private JsonPointer with(JsonPointer root) {
      if (parent == null) {
        return root;
      }
      JsonPointer above = parent.with(root);
      return name != null ? above.appendProperty(name) : above.appendIndex(index);
    }
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
