package com.ordercloudhub.hub.inbound;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * What is wrong with a body that is not acceptable JSON, in the hub's own words: the kind of
 * problem and where (line, column), never the input itself. Jackson's messages quote the offending
 * token ({@code Unrecognized token 'sk_live_…'}), and an unquoted secret is still a secret, so they
 * are only classified here, never passed on.
 */
final class JsonProblem {

  private JsonProblem() {}

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
