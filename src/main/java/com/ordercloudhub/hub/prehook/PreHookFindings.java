package com.ordercloudhub.hub.prehook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What a pre-hook's checks found, collected while its route runs (the checks add to it, in order).
 * The decision follows from it: any error blocks, naming every one; otherwise proceed.
 */
final class PreHookFindings {

  /** The exchange property the checks add to. */
  public static final String PROPERTY = "hubPreHookFindings";

  /**
   * @param field the property at fault ({@code Zip}, {@code xp.poNumber}), or null
   * @param rule the check that found it
   * @param message what is wrong, for the shopper
   */
  public record Error(String field, String rule, String message) {}

  private final List<PreHookDecision.Check> checks = new ArrayList<>();
  private final List<Error> errors = new ArrayList<>();
  private JsonNode suggestion;
  private String blockMessage;

  public synchronized void passed(String check, String detail) {
    checks.add(new PreHookDecision.Check(check, "passed", detail));
  }

  public synchronized void skipped(String check, String detail) {
    checks.add(new PreHookDecision.Check(check, "skipped", detail));
  }

  /** A check that could not run (a dry run makes no remote calls); the decision does not wait. */
  public synchronized void notChecked(String check, String detail) {
    checks.add(new PreHookDecision.Check(check, "unchecked", detail));
  }

  /** A rule failed; the pre-hook will block. */
  public synchronized void failed(String check, String field, String message) {
    checks.add(new PreHookDecision.Check(check, "failed", message));
    errors.add(new Error(field, check, message));
  }

  /** A corrected value an external check proposes, passed on to the storefront. */
  public synchronized void suggest(JsonNode suggestion) {
    this.suggestion = suggestion;
  }

  /** The headline of a block, e.g. "The address could not be verified". */
  public synchronized void blockMessage(String message) {
    this.blockMessage = message;
  }

  public synchronized boolean hasErrors() {
    return !errors.isEmpty();
  }

  public synchronized List<PreHookDecision.Check> checks() {
    return List.copyOf(checks);
  }

  /**
   * The decision: block with {@code {"message","errors":[{"field","message"}],"suggestion"}} when a
   * rule failed, otherwise proceed.
   */
  public synchronized PreHookDecision conclude(String defaultMessage) {
    if (errors.isEmpty()) {
      return new PreHookDecision(true, null, List.copyOf(checks));
    }
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("message", blockMessage != null ? blockMessage : defaultMessage);
    ArrayNode list = body.putArray("errors");
    for (Error error : errors) {
      ObjectNode item = list.addObject();
      if (error.field() != null) {
        item.put("field", error.field());
      }
      item.put("rule", error.rule());
      item.put("message", error.message());
    }
    if (suggestion != null && !suggestion.isNull()) {
      body.set("suggestion", suggestion);
    }
    return new PreHookDecision(false, body, List.copyOf(checks));
  }
}
