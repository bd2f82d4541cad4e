package com.ordercloudhub.hub.destination;

import com.dashjoin.jsonata.Functions;
import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One JSONata mapping file, parsed once, evaluated on Jackson trees: the input's numbers reach the
 * expression as they were read (a {@code DecimalNode} as {@code BigDecimal}) and its output's
 * numbers come back as such, so a value the mapping passes on is never rounded through a double or
 * a JSON text.
 *
 * <p>Safe to evaluate from many threads at once. com.dashjoin jsonata 0.9.9 keeps evaluation state
 * in the parsed expression: {@code evaluate(input)} binds {@code $} in the expression's own
 * environment (shared by every caller), and the evaluator runs on the thread's last constructed
 * expression ({@code Jsonata.current}), overwriting its environment as it goes. So every evaluation
 * here gets its own frame (where {@code $} is bound), the parsed expression is never its thread's
 * current one (its environment stays as parsed), and {@code $now()}/{@code $millis()} are bound per
 * evaluation (the library reads them from the thread's current expression, which would be stale).
 */
public final class Mapping {

  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

  /**
   * How long one evaluation may run, and how deep it may nest (recursion included), before it fails
   * as this mapping's failure: a mapping that loops or recurses without end (one an operator
   * proposes for a change-impact run, or a bad edit) must not hold a delivery or impact thread, nor
   * a core.
   */
  static final Duration MAX_EVALUATION = Duration.ofSeconds(10);

  static final int MAX_DEPTH = 500;

  private final String name;
  private final Jsonata expression;
  private final long timeoutMillis;
  private final int maxDepth;

  Mapping(String name, Jsonata expression) {
    this(name, expression, MAX_EVALUATION, MAX_DEPTH);
  }

  Mapping(String name, Jsonata expression, Duration timeout, int maxDepth) {
    this.name = name;
    this.expression = expression;
    this.timeoutMillis = timeout.toMillis();
    this.maxDepth = maxDepth;
  }

  /** The file, as errors name it ({@code mappings/erp/sales-order.jsonata}). */
  public String name() {
    return name;
  }

  /**
   * @param input the mapping's input as a tree
   * @return the output as a tree; {@code NullNode} when the mapping produced nothing
   * @throws MappingException when the mapping fails on this input
   */
  public JsonNode evaluate(JsonNode input) {
    return tree(evaluateJava(java(input)));
  }

  /**
   * @param input the mapping's input as maps, lists, strings, numbers and booleans (a {@link
   *     JsonNode} inside is read as such)
   * @return the output as JSONata gives it: maps, lists, strings, numbers, booleans or null
   * @throws MappingException when the mapping fails on this input
   */
  public Object evaluateJava(Object input) {
    long start = System.currentTimeMillis();
    Jsonata.Frame frame = expression.createFrame();
    frame.setRuntimeBounds(timeoutMillis, maxDepth);
    frame.bind("millis", (Jsonata.Fn0<Long>) () -> start);
    frame.bind(
        "now",
        (Jsonata.Fn2<String, String, String>)
            (picture, zone) -> Functions.dateTimeFromMillis(start, picture, zone));
    try {
      return expression.evaluate(javaValue(input), frame);
    } catch (RuntimeException | StackOverflowError e) {
      // a mapping that recurses without end overflows the stack: a failed mapping, not a dead
      // thread
      throw new MappingException(
          "Mapping "
              + name
              + " failed on this payload: "
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage(),
          e);
    }
  }

  private static Object javaValue(Object value) {
    if (value instanceof JsonNode node) {
      return java(node);
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), javaValue(v)));
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      list.forEach(v -> out.add(javaValue(v)));
      return out;
    }
    return value;
  }

  /** A tree as JSONata reads it; numbers as Jackson holds them (BigDecimal, Long, Integer, …). */
  static Object java(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        map.put(field.getKey(), java(field.getValue()));
      }
      return map;
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>(node.size());
      node.forEach(item -> list.add(java(item)));
      return list;
    }
    if (node.isNumber()) {
      return node.numberValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    return node.asText();
  }

  /** JSONata's output as a tree; a function in it is left out, as JSON.stringify would. */
  static JsonNode tree(Object value) {
    if (value == null || value == Jsonata.NULL_VALUE) {
      return NODES.nullNode();
    }
    if (value instanceof Map<?, ?> map) {
      ObjectNode object = NODES.objectNode();
      map.forEach(
          (k, v) -> {
            if (!isFunction(v)) {
              object.set(String.valueOf(k), tree(v));
            }
          });
      return object;
    }
    if (value instanceof List<?> list) {
      ArrayNode array = NODES.arrayNode(list.size());
      for (Object item : list) {
        if (!isFunction(item)) {
          array.add(tree(item));
        }
      }
      return array;
    }
    if (value instanceof String text) {
      return NODES.textNode(text);
    }
    if (value instanceof Boolean bool) {
      return NODES.booleanNode(bool);
    }
    if (value instanceof BigDecimal decimal) {
      return NODES.numberNode(decimal);
    }
    if (value instanceof Double || value instanceof Float) {
      return NODES.numberNode(((Number) value).doubleValue());
    }
    if (value instanceof Long number) {
      return NODES.numberNode(number);
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return NODES.numberNode(((Number) value).intValue());
    }
    if (value instanceof BigInteger big) {
      return NODES.numberNode(big);
    }
    if (value instanceof Number number) {
      return NODES.numberNode(new BigDecimal(number.toString()));
    }
    if (isFunction(value)) {
      return NODES.nullNode();
    }
    return NODES.textNode(String.valueOf(value));
  }

  private static boolean isFunction(Object value) {
    return value instanceof Jsonata.JFunction
        || value instanceof Jsonata.JLambda
        || (value != null && value.getClass().getName().startsWith("com.dashjoin.jsonata.Parser"));
  }
}
