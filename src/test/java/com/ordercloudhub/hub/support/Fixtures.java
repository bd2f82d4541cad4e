package com.ordercloudhub.hub.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The signed OrderCloud examples from ../shared/ordercloud/fixtures, copied into test resources.
 */
public final class Fixtures {

  /** The key the shared fixtures were signed with. */
  public static final String KEY = "test-hash-key";

  /** A second key the test profile accepts (key rotation). */
  public static final String SECOND_KEY = "second-test-key";

  /** The (fake) JWT every shared fixture carries as UserToken. */
  public static final String USER_TOKEN_PREFIX = "eyJhbGciOiJSUzI1NiIsImtpZCI6IjEyMzQ1Njc4";

  public static final String POST_ORDER_SUBMIT = "webhook-post-order-submit";
  public static final String PRE_ORDER_SUBMIT = "webhook-pre-order-submit";
  public static final String PRE_ORDER_PATCH = "webhook-pre-order-patch";
  public static final String PRE_ADDRESS_SAVE = "webhook-pre-address-save";
  public static final String MESSAGE_ORDER_SUBMITTED = "messagesender-ordersubmitted";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Fixtures() {}

  public static byte[] bytes(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name + ".json")) {
      if (in == null) {
        throw new IllegalArgumentException("No fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The X-oc-hash values OrderCloud would send for each fixture, from hashes.json. */
  public static Map<String, String> hashes() {
    Map<String, String> hashes = new LinkedHashMap<>();
    JsonNode root = json(bytes("hashes"));
    root.fields().forEachRemaining(f -> hashes.put(f.getKey(), f.getValue().get(1).asText()));
    return hashes;
  }

  public static JsonNode json(byte[] bytes) {
    try {
      return MAPPER.readTree(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static ObjectMapper mapper() {
    return MAPPER;
  }
}
