package com.ordercloudhub.hub.support;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Variants of the shared fixtures with fresh identities, so tests do not collide as duplicates. */
public final class Payloads {

  private Payloads() {}

  /** A fixture with a new LogID (webhooks) or OcLogIdHeader (messages). */
  public static byte[] fresh(String fixture) {
    return fresh(fixture, UUID.randomUUID().toString());
  }

  public static byte[] fresh(String fixture, String logId) {
    ObjectNode root = (ObjectNode) Fixtures.json(Fixtures.bytes(fixture));
    if (root.has("OcLogIdHeader")) {
      root.put("OcLogIdHeader", logId);
    } else {
      root.put("LogID", logId);
    }
    return bytes(root);
  }

  public static ObjectNode node(String fixture) {
    return (ObjectNode) Fixtures.json(Fixtures.bytes(fixture));
  }

  public static byte[] bytes(ObjectNode node) {
    return node.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** A minimal webhook body. */
  public static String webhook(String route, String verb, String logId) {
    return "{\"Route\":\"%s\",\"Verb\":\"%s\",\"LogID\":\"%s\",\"UserToken\":\"%s\"}"
        .formatted(route, verb, logId, Fixtures.USER_TOKEN_PREFIX + ".test.jwt");
  }
}
