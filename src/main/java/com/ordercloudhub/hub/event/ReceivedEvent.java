package com.ordercloudhub.hub.event;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
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
 * @param logId webhook {@code LogID}; a sync message's entity {@code ID}
 * @param messageType Message Sender {@code MessageType} as sent; a sync message's type ({@code
 *     sitecore.ordercloud.messages.ordersync.updated})
 * @param ocLogId Message Sender {@code OcLogIdHeader}
 * @param recipient the Message Sender recipient's ID (or e-mail, or username)
 * @param occurredAt the payload's {@code Date}, when it has a readable one; a sync message's {@code
 *     LastUpdated}
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
   * Sync messages: type, entity ID and LastUpdated, or the body hash when it has no LastUpdated.
   *
   * <p>Two different calls never share a key. The first formula (fields joined by newlines, as
   * UTF-8) is kept for every call it reads one way only, so keys stored before stay valid: a fixed
   * number of fields, none holding a newline, all Unicode text (UTF-8 is then one-to-one). Any
   * other call (a newline in a field, which would let {@code "a\nb","c"} pass for {@code
   * "a","b\nc"}, or an unpaired surrogate, which UTF-8 turns into {@code ?}) is hashed with each
   * field's exact UTF-16 code units behind its length. The two formulas cannot meet: the first
   * starts with {@code webhook}, {@code message} or {@code body} and a newline, the second with
   * {@code v2} and a newline.
   */
  public String dedupeKey() {
    String[] fields =
        switch (kind) {
          case PRE, POST -> new String[] {"webhook", kind.code(), logId, route, verb};
          case MESSAGE ->
              ocLogId != null && recipient != null
                  ? new String[] {
                    "message", ocLogId, messageType.toLowerCase(Locale.ROOT), recipient
                  }
                  : new String[] {"body", bodySha256};
          // the entity's state at its LastUpdated; without one (most EntitySync and ProductSync
          // messages carry none) the same bytes again are the same message
          case SYNC ->
              logId != null && occurredAt != null
                  ? new String[] {
                    "sync",
                    messageType.toLowerCase(Locale.ROOT),
                    logId,
                    occurredAt.toInstant().toString()
                  }
                  : new String[] {"body", bodySha256};
        };
    return sha256Hex(isPlain(fields) ? joined(fields) : lengthPrefixed(fields));
  }

  private static boolean isPlain(String[] fields) {
    for (String field : fields) {
      if (field == null || field.indexOf('\n') >= 0 || !isUnicode(field)) {
        return false;
      }
    }
    return true;
  }

  private static byte[] joined(String[] fields) {
    return String.join("\n", fields).getBytes(StandardCharsets.UTF_8);
  }

  /** {@code v2\n}, then per field its length in UTF-16 units (-1: null) and those units. */
  private static byte[] lengthPrefixed(String[] fields) {
    int size = 3;
    for (String field : fields) {
      size += 4 + (field == null ? 0 : 2 * field.length());
    }
    ByteBuffer bytes = ByteBuffer.allocate(size).put((byte) 'v').put((byte) '2').put((byte) '\n');
    for (String field : fields) {
      bytes.putInt(field == null ? -1 : field.length());
      if (field != null) {
        for (int i = 0; i < field.length(); i++) {
          bytes.putChar(field.charAt(i));
        }
      }
    }
    return bytes.array();
  }

  private static boolean isUnicode(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  private static final HexFormat HEX = HexFormat.of();

  // one digest per thread, reused: looking the algorithm up cost more than hashing a body
  private static final ThreadLocal<MessageDigest> SHA_256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("SHA-256 is not available", e);
            }
          });

  public static String sha256Hex(byte[] bytes) {
    // digest() leaves it reset for the next call
    return HEX.formatHex(SHA_256.get().digest(bytes));
  }

  @Override
  public String toString() {
    return "ReceivedEvent[kind=%s, eventType=%s, route=%s, verb=%s, logId=%s, messageType=%s, bytes=%d]"
        .formatted(kind.code(), eventType, route, verb, logId, messageType, bodyBytes);
  }
}
