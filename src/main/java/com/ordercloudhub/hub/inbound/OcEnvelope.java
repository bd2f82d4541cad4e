package com.ordercloudhub.hub.inbound;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ordercloudhub.hub.event.EventCatalogue;
import com.ordercloudhub.hub.event.EventKind;
import com.ordercloudhub.hub.event.JsonFields;
import com.ordercloudhub.hub.event.ReceivedEvent;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Parses a verified body into a {@link ReceivedEvent}: bounded (the application ObjectMapper's read
 * constraints limit nesting and string length), lenient in names (any case, unknown properties
 * kept) and strict in content, so that the signed bytes are read one way only: well-formed UTF-8,
 * no property twice in one object (exactly or in another case), no unpaired surrogate, no NUL in an
 * identity field (the dedupe key, the indexed columns), numbers exact ({@code BigDecimal}, big
 * integers as {@code BigInteger}). Every refusal names the property at fault and quotes no value.
 */
@Component("ocEnvelope")
public class OcEnvelope {

  private static final Logger log = LoggerFactory.getLogger(OcEnvelope.class);
  private static final Set<String> VERBS = Set.of("POST", "PUT", "PATCH", "DELETE");
  private static final Pattern MESSAGE_TYPE = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,99}");
  private static final int MAX_ROUTE = 500;
  private static final int MAX_ID = 200;

  private final ObjectReader reader;

  public OcEnvelope(ObjectMapper mapper) {
    this.reader =
        mapper
            .readerFor(JsonNode.class)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // a repeated name fails the tree (cheaper than the parser's STRICT_DUPLICATE_DETECTION)
            .with(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            // 1234567890123.4567 stays that number (a double would make it …4568), and 172.80
            // keeps its digits
            .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);
  }

  public ReceivedEvent parsePreHook(@Body byte[] raw) {
    return webhook(EventKind.PRE, raw);
  }

  public ReceivedEvent parsePostHook(@Body byte[] raw) {
    return webhook(EventKind.POST, raw);
  }

  /**
   * A Message Sender call. The body's {@code MessageType} is required and wins over the type in the
   * path ({@code /messages/{messagetype}}), which OrderCloud sends in lower case.
   */
  public ReceivedEvent parseMessage(@Body byte[] raw, @Header("messagetype") String pathType) {
    return message(object(raw), raw, pathType);
  }

  /**
   * A message a Delivery Configuration sent (its HTTP target's body, or a Kafka record's value), in
   * either of the shapes OrderCloud's own sample consumers read: the envelope {@code
   * {"Headers":{"type":…},"Payload":{…}}}, or the payload alone with its type beside it ({@code
   * typeBeside}: a Kafka header {@code type} or {@code ce_type}). A webhook or Message Sender call
   * inside is that call, parsed and later classified as if it came to its own URL (so the same call
   * both ways is one event); anything else is a sync message ({@link EventKind#SYNC}) of its type,
   * keyed by its {@code ID} (a deleted product's {@code ProductID}) and {@code LastUpdated}, or,
   * for an OrderSync shaped as an order worksheet, by its {@code Order}'s.
   *
   * @param typeBeside the message type given outside the body, or null; the envelope's wins
   */
  public ReceivedEvent parseDelivery(byte[] raw, String typeBeside) {
    ObjectNode root = object(raw);
    JsonNode headers = JsonFields.get(root, "Headers");
    JsonNode payload = JsonFields.get(root, "Payload");
    ObjectNode body = root;
    String type = null;
    if (payload != null && !payload.isNull()) {
      if (!payload.isObject()) {
        throw InboundRejection.badField("Payload", "Payload must be an object");
      }
      if (headers != null && !headers.isNull() && !headers.isObject()) {
        throw InboundRejection.badField("Headers", "Headers must be an object or null");
      }
      body = (ObjectNode) payload;
      type =
          headers != null && headers.isObject()
              ? optionalText(headers, "Headers.type", "type", EventCatalogue.MAX_SYNC_TYPE)
              : null;
    }
    if (JsonFields.get(body, "Route") != null && JsonFields.get(body, "Verb") != null) {
      return webhook(EventKind.POST, body, raw);
    }
    if (JsonFields.get(body, "MessageType") != null
        && (JsonFields.get(body, "Recipient") != null
            || JsonFields.get(body, "EventBody") != null)) {
      return message(body, raw, null);
    }
    if (type == null && typeBeside != null && !typeBeside.isBlank()) {
      type = typeBeside.trim();
    }
    if (type == null) {
      throw InboundRejection.badField(
          "Headers.type",
          "The message type is missing: expected Headers.type beside Payload, or a Kafka header"
              + " type or ce_type");
    }
    // the pattern admits no NUL, surrogate or control character: the type is stored as sent
    if (!EventCatalogue.isSyncType(type)) {
      throw InboundRejection.badField(
          "Headers.type",
          "The message type must be a dotted name such as"
              + " sitecore.ordercloud.messages.ordersync.updated");
    }
    // the entity at the top (OrderSync's Order, as documented, and every EntitySync entity); an
    // OrderSync shaped as a worksheet ({"Order":{…},"LineItems":[…]}) is keyed by its Order
    ObjectNode entity = body;
    String at = "";
    if (JsonFields.get(body, "ID") == null
        && JsonFields.get(body, "ProductID") == null
        && JsonFields.get(body, "Order") instanceof ObjectNode order) {
      entity = order;
      at = "Order.";
    }
    String entityId = optionalText(entity, at + "ID", "ID", MAX_ID);
    if (entityId == null) {
      entityId = optionalText(entity, at + "ProductID", "ProductID", MAX_ID);
    }
    return new ReceivedEvent(
        EventKind.SYNC,
        null,
        null,
        null,
        entityId,
        type,
        null,
        null,
        lastUpdated(entity),
        ReceivedEvent.sha256Hex(raw),
        raw.length,
        body);
  }

  private static ReceivedEvent message(ObjectNode root, byte[] raw, String pathType) {
    String messageType = requiredText(root, "MessageType", 100);
    if (!MESSAGE_TYPE.matcher(messageType).matches()) {
      throw InboundRejection.badField(
          "MessageType",
          "MessageType must be an OrderCloud message type name such as OrderSubmitted");
    }
    if (pathType != null && !pathType.isBlank() && !pathType.equalsIgnoreCase(messageType)) {
      log.warn(
          "Message Sender path says {} but the body's MessageType is {}; the body wins",
          sanitize(pathType),
          messageType);
    }
    optionalType(root, "Recipient", JsonType.OBJECT);
    optionalType(root, "EventBody", JsonType.OBJECT);
    optionalType(root, "CCList", JsonType.ARRAY_OR_STRING);
    String ocLogId = optionalText(root, "OcLogIdHeader", MAX_ID);
    JsonNode recipient = JsonFields.get(root, "Recipient");
    String recipientKey = recipientKey(recipient);
    return new ReceivedEvent(
        EventKind.MESSAGE,
        null,
        null,
        null,
        null,
        messageType,
        ocLogId,
        recipientKey,
        null,
        ReceivedEvent.sha256Hex(raw),
        raw.length,
        root);
  }

  private ReceivedEvent webhook(EventKind kind, byte[] raw) {
    return webhook(kind, object(raw), raw);
  }

  private static ReceivedEvent webhook(EventKind kind, ObjectNode root, byte[] raw) {
    String route = requiredText(root, "Route", MAX_ROUTE);
    String verb = requiredText(root, "Verb", 10);
    // ASCII only: Java's toUpperCase would make "poſt" (long s) a POST
    verb = isAsciiWord(verb) ? verb.toUpperCase(Locale.ROOT) : "";
    if (!VERBS.contains(verb)) {
      throw InboundRejection.badField("Verb", "Verb must be one of POST, PUT, PATCH, DELETE");
    }
    String logId = requiredText(root, "LogID", MAX_ID);
    optionalType(root, "RouteParams", JsonType.OBJECT);
    optionalType(root, "QueryParams", JsonType.OBJECT);
    optionalType(root, "Request", JsonType.OBJECT);
    optionalType(root, "Response", JsonType.OBJECT);
    optionalType(root, "UserToken", JsonType.STRING);
    return new ReceivedEvent(
        kind,
        null,
        route, // exactly as sent: the dedupe key hashes what OrderCloud sent (classify trims)
        verb,
        logId,
        null,
        null,
        null,
        date(root),
        ReceivedEvent.sha256Hex(raw),
        raw.length,
        root);
  }

  private ObjectNode object(byte[] raw) {
    if (raw == null || raw.length == 0 || isBlank(raw)) {
      throw InboundRejection.badRequest("empty_body", "The request body is empty; expected JSON");
    }
    int invalid = StrictJson.firstInvalidUtf8(raw);
    if (invalid >= 0) {
      throw InboundRejection.badRequest(
          "malformed_json",
          "The body is not valid JSON: bytes that are not UTF-8 (at byte " + invalid + ")");
    }
    JsonNode root;
    try {
      root = reader.readValue(raw);
    } catch (StreamConstraintsException e) {
      throw InboundRejection.badRequest("json_limit_exceeded", JsonProblem.limit(e));
    } catch (JsonProcessingException e) {
      if (JsonProblem.isDuplicate(e)) {
        String path = Objects.requireNonNullElse(JsonProblem.pathOf(e), "(unknown)");
        throw InboundRejection.duplicate(
            path,
            "The property "
                + path
                + " appears twice in one object, so the body could be read two ways");
      }
      throw InboundRejection.badRequest("malformed_json", JsonProblem.syntax(e));
    } catch (IOException e) {
      throw InboundRejection.badRequest("malformed_json", "The body could not be read as JSON");
    }
    if (root == null || !root.isObject()) {
      throw InboundRejection.badRequest(
          "not_an_object",
          "The body must be a JSON object, got " + (root == null ? "nothing" : root.getNodeType()));
    }
    StrictJson.check(root, raw);
    return (ObjectNode) root;
  }

  private static String requiredText(ObjectNode root, String name, int maxLength) {
    JsonNode value = JsonFields.get(root, name);
    if (value == null || value.isNull()) {
      throw InboundRejection.badField(name, name + " is required");
    }
    if (!value.isTextual()) {
      throw InboundRejection.badField(
          name, name + " must be a string, got " + value.getNodeType().name().toLowerCase());
    }
    String text = identity(name, value.asText());
    if (text.isBlank()) {
      throw InboundRejection.badField(name, name + " must not be empty");
    }
    if (text.length() > maxLength) {
      throw InboundRejection.badField(name, name + " is longer than " + maxLength + " characters");
    }
    return text;
  }

  private static String optionalText(ObjectNode root, String name, int maxLength) {
    return optionalText(root, name, name, maxLength);
  }

  /** The text at {@code name}, named {@code field} in a refusal (a nested name), or null. */
  private static String optionalText(JsonNode root, String field, String name, int maxLength) {
    JsonNode value = JsonFields.get(root, name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw InboundRejection.badField(field, field + " must be a string when present");
    }
    String text = identity(field, value.asText());
    if (text.length() > maxLength) {
      throw InboundRejection.badField(
          field, field + " is longer than " + maxLength + " characters");
    }
    return text.isBlank() ? null : text;
  }

  private enum JsonType {
    OBJECT("an object"),
    STRING("a string"),
    ARRAY_OR_STRING("an array or a string");

    final String description;

    JsonType(String description) {
      this.description = description;
    }

    boolean accepts(JsonNode value) {
      return switch (this) {
        case OBJECT -> value.isObject();
        case STRING -> value.isTextual();
        case ARRAY_OR_STRING -> value.isArray() || value.isTextual();
      };
    }
  }

  private static void optionalType(ObjectNode root, String name, JsonType type) {
    JsonNode value = JsonFields.get(root, name);
    if (value != null && !value.isNull() && !type.accepts(value)) {
      throw InboundRejection.badField(name, name + " must be " + type.description + " or null");
    }
  }

  private static OffsetDateTime date(ObjectNode root) {
    return dateAt(root, "Date");
  }

  /** A sync message's {@code LastUpdated}: part of its dedupe key when readable. */
  private static OffsetDateTime lastUpdated(ObjectNode root) {
    return dateAt(root, "LastUpdated");
  }

  private static OffsetDateTime dateAt(ObjectNode root, String name) {
    String text = JsonFields.text(root, name);
    if (text == null) {
      return null;
    }
    try {
      return OcDate.parse(text.trim());
    } catch (DateTimeParseException e) {
      return null; // informational only: an odd Date never costs an event
    }
  }

  /**
   * The recipient part of a message's dedupe key: its ID, else e-mail, else username, whole (a
   * longer one is refused, never cut: two recipients sharing a prefix would be one).
   */
  private static String recipientKey(JsonNode recipient) {
    for (String name : new String[] {"ID", "Email", "Username"}) {
      String field = "Recipient." + name;
      String text = JsonFields.text(recipient, name);
      if (text != null && !text.isBlank()) {
        identity(field, text);
        if (text.length() > MAX_ID) {
          throw InboundRejection.badField(
              field, field + " is longer than " + MAX_ID + " characters");
        }
        return text;
      }
    }
    return null;
  }

  /**
   * An identity (dedupe key, indexed column) must be storable as sent: PostgreSQL's text types
   * refuse NUL, which would otherwise fail the insert (an outage to OrderCloud, on every resend).
   * Unpaired surrogates are refused earlier, anywhere in the body ({@link StrictJson}).
   */
  private static String identity(String field, String text) {
    if (text.indexOf(0) >= 0) {
      throw InboundRejection.invalidField(
          field, field + " contains a NUL character (U+0000), which no identity may hold");
    }
    if (!StrictJson.isUnicode(text)) {
      throw InboundRejection.invalidField(
          field, field + " holds an unpaired surrogate escape, which is not Unicode text");
    }
    return text;
  }

  /** One or more ASCII letters (what {@code [A-Za-z]+} matches), without a regex per call. */
  static boolean isAsciiWord(String text) {
    if (text.isEmpty()) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isBlank(byte[] raw) {
    for (byte b : raw) {
      if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
        return false;
      }
    }
    return true;
  }

  /** Echoes caller input in a message without control characters and at a bounded length. */
  static String sanitize(String text) {
    String clean = text.replaceAll("\\p{Cntrl}", "?");
    return clean.length() > 40 ? clean.substring(0, 40) + "…" : clean;
  }
}
