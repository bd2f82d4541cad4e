package com.ordercloudhub.hub.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReceivedEventTest {

  private static ReceivedEvent webhook(EventKind kind, String logId, String route, String verb) {
    return new ReceivedEvent(kind, null, route, verb, logId, null, null, null, null, "b1", 1, null);
  }

  private static ReceivedEvent message(String ocLogId, String type, String recipient, String hash) {
    return new ReceivedEvent(
        EventKind.MESSAGE, null, null, null, null, type, ocLogId, recipient, null, hash, 1, null);
  }

  @Test
  void aWebhookIsTheSameCallWhenLogIdRouteVerbAndKindMatch() {
    ReceivedEvent first = webhook(EventKind.POST, "L1", "v1/cart/submit", "POST");

    assertThat(webhook(EventKind.POST, "L1", "v1/cart/submit", "POST").dedupeKey())
        .isEqualTo(first.dedupeKey());
    assertThat(webhook(EventKind.PRE, "L1", "v1/cart/submit", "POST").dedupeKey())
        .isNotEqualTo(first.dedupeKey());
    assertThat(webhook(EventKind.POST, "L2", "v1/cart/submit", "POST").dedupeKey())
        .isNotEqualTo(first.dedupeKey());
    assertThat(webhook(EventKind.POST, "L1", "v1/cart", "POST").dedupeKey())
        .isNotEqualTo(first.dedupeKey());
    assertThat(webhook(EventKind.POST, "L1", "v1/cart/submit", "PUT").dedupeKey())
        .isNotEqualTo(first.dedupeKey());
  }

  @Test
  void aMessageIsTheSameCallForTheSameLogIdTypeAndRecipient() {
    ReceivedEvent first = message("OC1", "OrderSubmitted", "user-1", "hashA");

    assertThat(message("OC1", "ordersubmitted", "user-1", "hashB").dedupeKey())
        .isEqualTo(first.dedupeKey());
    assertThat(message("OC1", "OrderSubmitted", "user-2", "hashA").dedupeKey())
        .isNotEqualTo(first.dedupeKey());
    assertThat(message("OC1", "OrderApproved", "user-1", "hashA").dedupeKey())
        .isNotEqualTo(first.dedupeKey());
  }

  @Test
  void withoutLogIdOrRecipientAMessageIsIdentifiedByItsBody() {
    assertThat(message(null, "OrderSubmitted", "user-1", "hashA").dedupeKey())
        .isEqualTo(message(null, "OrderApproved", null, "hashA").dedupeKey())
        .isNotEqualTo(message(null, "OrderSubmitted", "user-1", "hashB").dedupeKey());
    assertThat(message("OC1", "OrderSubmitted", null, "hashA").dedupeKey())
        .isEqualTo(message(null, "OrderSubmitted", null, "hashA").dedupeKey());
  }

  @Test
  void toStringNeverShowsThePayload() {
    ReceivedEvent event =
        new ReceivedEvent(
            EventKind.POST,
            "order.submitted",
            "r",
            "POST",
            "L",
            null,
            null,
            null,
            null,
            "h",
            1,
            (com.fasterxml.jackson.databind.node.ObjectNode)
                com.ordercloudhub.hub.support.Fixtures.json(
                    "{\"UserToken\":\"secret-jwt\"}".getBytes()));

    assertThat(event.toString()).doesNotContain("secret-jwt");
  }

  @Test
  void keysOfWellFormedCallsAreTheOnesStoredBeforeSoAResendIsStillADuplicate() {
    // the formula every stored key was made with: fields joined by newlines, UTF-8, SHA-256
    assertThat(webhook(EventKind.POST, "L1", "v1/cart/submit", "POST").dedupeKey())
        .isEqualTo(sha("webhook\npost\nL1\nv1/cart/submit\nPOST"));
    assertThat(message("OC1", "OrderSubmitted", "user-1", "h").dedupeKey())
        .isEqualTo(sha("message\nOC1\nordersubmitted\nuser-1"));
    assertThat(message(null, "OrderSubmitted", null, "abc").dedupeKey())
        .isEqualTo(sha("body\nabc"));
  }

  @Test
  void fieldsThatWouldJoinTheSameWayNeverShareAKey() {
    List<ReceivedEvent> calls =
        List.of(
            webhook(EventKind.POST, "ab", "c", "POST"),
            webhook(EventKind.POST, "a", "bc", "POST"),
            webhook(EventKind.POST, "a\nb", "c", "POST"), // joined: "…\na\nb\nc\nPOST"
            webhook(EventKind.POST, "a", "b\nc", "POST"), // joined: the same
            webhook(EventKind.POST, "a\nb\nc", "", "POST"),
            webhook(EventKind.POST, "a", "b", "c\nPOST"),
            message("o\nx", "T", "r", "h"),
            message("o", "T", "x\nr", "h"),
            message("o", "x\nT", "r", "h"));

    Set<String> keys = new HashSet<>();
    calls.forEach(c -> keys.add(c.dedupeKey()));

    assertThat(keys).hasSize(calls.size());
  }

  @Test
  void logIdsThatDifferOnlyInUnpairedSurrogatesNeverShareAKey() {
    // UTF-8 makes every unpaired surrogate "?": the old key merged these three calls
    List<String> logIds = List.of("L\ud800", "L\udc00", "L?", "L\udbff", "L\ud800\ud800");

    Set<String> keys = new HashSet<>();
    logIds.forEach(
        id -> keys.add(webhook(EventKind.POST, id, "v1/cart/submit", "POST").dedupeKey()));

    assertThat(keys).hasSize(logIds.size());
  }

  private static String sha(String text) {
    return ReceivedEvent.sha256Hex(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The digest is reused per thread: each hash starts afresh, on any thread. */
  @Test
  void eachHashIsOfItsOwnBytesOnly() throws Exception {
    String abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    String empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    for (int i = 0; i < 3; i++) {
      assertThat(ReceivedEvent.sha256Hex("abc".getBytes(StandardCharsets.US_ASCII))).isEqualTo(abc);
      assertThat(ReceivedEvent.sha256Hex(new byte[0])).isEqualTo(empty);
    }
    var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      var hashes = new java.util.ArrayList<java.util.concurrent.Future<String>>();
      for (int i = 0; i < 200; i++) {
        byte[] bytes = (i % 2 == 0 ? "abc" : "").getBytes(StandardCharsets.US_ASCII);
        hashes.add(pool.submit(() -> ReceivedEvent.sha256Hex(bytes)));
      }
      for (int i = 0; i < hashes.size(); i++) {
        assertThat(hashes.get(i).get()).isEqualTo(i % 2 == 0 ? abc : empty);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
