package com.ordercloudhub.hub.event;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A verified, parsed OrderCloud call on its way through the inbound routes. It holds the whole
 * payload, {@code UserToken} included, in memory only: what is stored is redacted by {@link
 * PayloadRedactor}. {@link #toString()} leaves the payload out so it can never reach a log line.
 *
 * @param kind pre-hook, post-hook or message
 * @param eventType the catalogue's name for it, null until classified
 * @param route webhook {@code Route} (a route template such as {@code v1/cart/submit})
 * @param verb webhook {@code Verb}, upper case
 * @param logId webhook {@code LogID}
 * @param messageType Message Sender {@code MessageType} as sent
 * @param ocLogId Message Sender {@code OcLogIdHeader}
 * @param recipient the Message Sender recipient's ID (or e-mail, or username)
 * @param occurredAt the payload's {@code Date}, when it has a readable one
 * @param bodySha256 hex SHA-256 of the raw body
 * @param bodyBytes size of the raw body
 * @param payload the parsed body, names as sent
 */
public record ReceivedEvent(
    EventKind kind,
    String eventType,
    String route,
    String verb,
    String logId,
    String messageType,
    String ocLogId,
    String recipient,
    OffsetDateTime occurredAt,
    String bodySha256,
    int bodyBytes,
    ObjectNode payload) {

  public ReceivedEvent withEventType(String type) {
    return new ReceivedEvent(
        kind,
        type,
        route,
        verb,
        logId,
        messageType,
        ocLogId,
        recipient,
        occurredAt,
        bodySha256,
        bodyBytes,
        payload);
  }

  /**
   * What makes two calls "the same call sent again". Webhooks: LogID, Route, Verb and kind.
   * Messages: OcLogIdHeader, MessageType and recipient, or the body hash when those are missing.
   */
  public String dedupeKey() {
    String identity =
        switch (kind) {
          case PRE, POST -> String.join("\n", "webhook", kind.code(), logId, route, verb);
          case MESSAGE ->
              ocLogId != null && recipient != null
                  ? String.join(
                      "\n", "message", ocLogId, messageType.toLowerCase(Locale.ROOT), recipient)
                  : "body\n" + bodySha256;
        };
    return sha256Hex(identity.getBytes(StandardCharsets.UTF_8));
  }

  public static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  @Override
  public String toString() {
    return "ReceivedEvent[kind=%s, eventType=%s, route=%s, verb=%s, logId=%s, messageType=%s, bytes=%d]"
        .formatted(kind.code(), eventType, route, verb, logId, messageType, bodyBytes);
  }
}
