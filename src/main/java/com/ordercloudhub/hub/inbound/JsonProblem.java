package com.ordercloudhub.hub.inbound;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * What is wrong with a body that is not acceptable JSON, in the hub's own words: the kind of
 * problem and where (line, column), never the input itself. Jackson's messages quote the offending
 * token ({@code Unrecognized token 'sk_live_…'}), and an unquoted secret is still a secret, so they
 * are only classified here, never passed on. The one piece of a body a message may show is a
 * property name, as a path ({@code Request.Body.Verb}), escaped and bounded by {@link #path}.
 */
final class JsonProblem {

  static final int MAX_NAME = 40;
  static final int MAX_PATH = 200;

  private JsonProblem() {}

  /** Jackson's duplicate detection ({@code FAIL_ON_READING_DUP_TREE_KEY}) refused a property. */
  static boolean isDuplicate(JsonProcessingException e) {
    return original(e).startsWith("Duplicate field ");
  }

  /** The path of the property the parser was at when it failed, or null when unknown. */
  static String pathOf(JsonProcessingException e) {
    if (!(e.getProcessor() instanceof JsonParser parser)) {
      return null;
    }
    Deque<Object> segments = new ArrayDeque<>();
    JsonStreamContext at = parser.getParsingContext();
    if (at != null
        && (parser.currentToken() == JsonToken.START_OBJECT
            || parser.currentToken() == JsonToken.START_ARRAY)) {
      at = at.getParent(); // the repeated property's value has just begun: not part of the path
    }
    for (JsonStreamContext c = at; c != null; c = c.getParent()) {
      if (c.inObject() && c.getCurrentName() != null) {
        segments.addFirst(c.getCurrentName());
      } else if (c.inArray() && c.getCurrentIndex() >= 0) {
        segments.addFirst(c.getCurrentIndex());
      }
    }
    return segments.isEmpty() ? null : path(List.copyOf(segments));
  }

  /**
   * A JSON path for messages: names joined by dots, array indexes in brackets; a name that is not a
   * plain identifier is quoted, every name is {@link #name escaped}, and a long path keeps its end
   * (the property at fault).
   */
  static String path(List<?> segments) {
    StringBuilder path = new StringBuilder();
    for (Object segment : segments) {
      if (segment instanceof Integer index) {
        path.append('[').append(index).append(']');
      } else {
        String name = segment.toString();
        if (name.matches("[A-Za-z0-9_$-]+")) {
          path.append(path.isEmpty() ? "" : ".").append(name);
        } else {
          path.append("[\"").append(name(name).replace("\"", "\\\"")).append("\"]");
        }
      }
    }
    return path.length() > MAX_PATH
        ? "…" + path.substring(path.length() - MAX_PATH)
        : path.toString();
  }

  /**
   * A property name fit for a message and a log line: at most {@value #MAX_NAME} characters, and
   * every control, format (bidi), separator, surrogate or non-character code escaped as {@code
   * \\uXXXX}, so a name cannot forge a line, reorder text or hide what it is.
   */
  static String name(String name) {
    StringBuilder out = new StringBuilder();
    int shown = 0;
    for (int i = 0; i < name.length(); i++) {
      if (shown == MAX_NAME) {
        return out.append('…').toString();
      }
      char c = name.charAt(i);
      boolean pair =
          Character.isHighSurrogate(c)
              && i + 1 < name.length()
              && Character.isLowSurrogate(name.charAt(i + 1));
      if (pair) {
        out.append(c).append(name.charAt(++i));
      } else if (visible(c)) {
        out.append(c);
      } else {
        out.append(String.format("\\u%04x", (int) c));
      }
      shown++;
    }
    return out.toString();
  }

  private static boolean visible(char c) {
    if (c == '\\'
        || Character.isSurrogate(c)
        || (c >= '\ufdd0' && c <= '\ufdef')
        || c >= '\ufffe') {
      return false;
    }
    return switch (Character.getType(c)) {
      case Character.CONTROL,
          Character.FORMAT,
          Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR,
          Character.UNASSIGNED,
          Character.PRIVATE_USE ->
          false;
      default -> true;
    };
  }

  /** A syntax error: the kind of mistake and its position. */
  static String syntax(JsonProcessingException e) {
    return "The body is not valid JSON: " + kind(e) + where(e.getLocation());
  }

  /** A read limit was exceeded: which one, by its setting. */
  static String limit(StreamConstraintsException e) {
    String text = original(e);
    String which;
    if (text.contains("nesting depth")) {
      which = "objects and arrays are nested deeper than hub.inbound.max-nesting-depth";
    } else if (text.startsWith("String value length")) {
      which = "a string is longer than hub.inbound.max-string-length";
    } else if (text.startsWith("Number value length")) {
      which = "a number has more than 1000 digits";
    } else if (text.startsWith("Name length")) {
      which = "a property name is longer than 10000 characters";
    } else {
      which = "the document is longer than hub.inbound.max-body-size";
    }
    return "The JSON exceeds a limit: " + which;
  }

  private static String kind(JsonProcessingException e) {
    String text = original(e);
    if (e instanceof JsonEOFException || text.startsWith("Unexpected end-of-input")) {
      return "it ends before the JSON is complete";
    }
    if (e instanceof MismatchedInputException && text.startsWith("Trailing token")) {
      return "more content follows the JSON value";
    }
    if (text.startsWith("Invalid UTF-8")) {
      return "bytes that are not UTF-8";
    }
    if (text.startsWith("Illegal unquoted character")) {
      return "a control character inside a string (it must be escaped)";
    }
    if (text.startsWith("Unrecognized character escape")) {
      return "an invalid escape inside a string";
    }
    if (text.startsWith("Invalid numeric value")
        || text.startsWith("Non-standard token")
        || text.contains("Leading zeroes")) {
      return "an invalid number";
    }
    if (text.startsWith("Unrecognized token")) {
      return "a word that is not a JSON value (text must be in double quotes)";
    }
    if (text.startsWith("Unexpected character")) {
      return "an unexpected character";
    }
    return "a syntax error";
  }

  private static String where(JsonLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return "";
    }
    return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
  }

  private static String original(JsonProcessingException e) {
    return e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
  }
}
