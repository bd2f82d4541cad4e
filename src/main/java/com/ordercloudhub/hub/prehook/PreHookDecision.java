package com.ordercloudhub.hub.prehook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * What the hub answers a pre-hook, and why.
 *
 * @param proceed whether OrderCloud goes on with the call
 * @param body what a blocked caller receives (OrderCloud passes it on), or null
 * @param checks which checks ran and what each found
 */
public record PreHookDecision(boolean proceed, JsonNode body, List<Check> checks) {

  /** The exchange property the pre-hook routes keep the decision in. */
  public static final String PROPERTY = "hubPreHookDecision";

  /**
   * @param name the check, e.g. {@code address-required-fields}
   * @param outcome {@code passed}, {@code failed}, {@code skipped} or {@code unchecked}
   * @param detail a short explanation, or null
   */
  public record Check(String name, String outcome, String detail) {}

  /** Proceed because no rule applies to this event type. */
  public static PreHookDecision proceedUnchecked() {
    return new PreHookDecision(
        true, null, List.of(new Check("no-rules", "skipped", "no pre-hook rules for this event")));
  }

  /**
   * The JSON OrderCloud receives: {@code {"proceed":true}} or {@code {"proceed":false,"body":…}}.
   */
  public ObjectNode answer() {
    ObjectNode answer = JsonNodeFactory.instance.objectNode().put("proceed", proceed);
    if (!proceed && body != null) {
      answer.set("body", body);
    }
    return answer;
  }
}
