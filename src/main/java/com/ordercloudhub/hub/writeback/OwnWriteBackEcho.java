package com.ordercloudhub.hub.writeback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ordercloudhub.hub.delivery.DeliveryExemption;
import com.ordercloudhub.hub.delivery.DispatchEvent;
import com.ordercloudhub.hub.event.EventKind;
import com.ordercloudhub.hub.event.JsonFields;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Recognises the post-hook OrderCloud sends for the hub's own write-back: {@code PATCH
 * v1/orders/{direction}/{orderID}} whose request body is {@code {"xp":{"<xpKey>":…}}} and nothing
 * else. It goes nowhere (no legs), so the write-back never loops; a PATCH that changes anything
 * more is routed as usual. Only a payload that contains the xp key is parsed.
 */
@Component
@ConditionalOnProperty(prefix = "hub.writeback", name = "enabled", havingValue = "true")
class OwnWriteBackEcho implements DeliveryExemption {

  static final String ORDER_ROUTE = "v1/orders/{direction}/{orderID}";

  /** The order route as OrderCloud sends it (the template), or a concrete path of it. */
  private static final Pattern ORDER =
      Pattern.compile("v1/orders/[^/]+/[^/]+", Pattern.CASE_INSENSITIVE);

  private final ObjectMapper mapper;
  private final String key;

  OwnWriteBackEcho(ObjectMapper mapper, WritebackProperties properties) {
    this.mapper = mapper;
    this.key = properties.xpKey();
  }

  @Override
  public Optional<String> exempt(DispatchEvent event) {
    // cheap first: the hub's PATCH carries its key verbatim
    if (event.kind() != EventKind.POST || !event.payloadJson().contains(key)) {
      return Optional.empty();
    }
    JsonNode payload;
    try {
      payload = mapper.readTree(event.payloadJson());
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
    return isOwnWriteBack(payload, key)
        ? Optional.of("the hub's own write-back (PATCH of xp." + key + " only)")
        : Optional.empty();
  }

  /** Whether a post-hook payload is the PATCH of an order's {@code xp.<key>} and nothing else. */
  static boolean isOwnWriteBack(JsonNode payload, String key) {
    String route = JsonFields.text(payload, "Route");
    String verb = JsonFields.text(payload, "Verb");
    if (route == null || !ORDER.matcher(route).matches() || !"PATCH".equalsIgnoreCase(verb)) {
      return false;
    }
    JsonNode body = JsonFields.path(payload, "Request", "Body");
    if (body == null || !body.isObject() || body.size() != 1) {
      return false;
    }
    JsonNode xp = JsonFields.get(body, "xp");
    return xp != null && xp.isObject() && xp.size() == 1 && xp.has(key);
  }
}
