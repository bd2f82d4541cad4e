package com.ordercloudhub.hub.inbound;

import com.ordercloudhub.hub.config.SettingException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Verifies OrderCloud's {@code X-oc-hash}: Base64(HMAC-SHA256(key, raw body)), compared in constant
 * time against every configured key so keys can be rotated without downtime.
 */
@Component("ocSignature")
public class OcSignature {

  public static final String HEADER = "X-oc-hash";
  private static final Logger log = LoggerFactory.getLogger(OcSignature.class);
  private static final String HMAC = "HmacSHA256";

  private final KeyRing webhookKeys;
  private final Map<String, KeyRing> targetKeys;
  private final boolean allowUnsigned;

  public OcSignature(SignatureProperties properties) {
    this(properties, new DeliveryConfigProperties(Map.of()));
  }

  /**
   * @param deliveryConfigs the Delivery Configuration HTTP targets: one with its own secret is
   *     verified with that secret alone on its path, every other call with {@code OC_HASH_KEYS}
   */
  @Autowired
  public OcSignature(SignatureProperties properties, DeliveryConfigProperties deliveryConfigs) {
    if (properties.hashKeys().isEmpty() && !properties.allowUnsigned()) {
      throw new SettingException(
          "OC_HASH_KEYS",
          "hub.ordercloud.hash-keys",
          "is not set: the hub cannot verify X-oc-hash and will not accept OrderCloud calls",
          "Set OC_HASH_KEYS to the webhook HashKey / Message Sender SharedKey (comma-separated for"
              + " rotation). For local development only, hub.ordercloud.allow-unsigned=true accepts"
              + " unsigned calls.");
    }
    this.webhookKeys =
        new KeyRing(properties.hashKeys(), "any configured key (OC_HASH_KEYS)", "OC_HASH_KEYS");
    Map<String, KeyRing> rings = new HashMap<>();
    deliveryConfigs
        .deliveryConfigs()
        .forEach(
            (name, target) -> {
              if (target.hasSecret()) {
                rings.put(
                    name,
                    new KeyRing(
                        List.of(target.secret()),
                        "this Delivery Configuration's secret (hub.delivery-configs.<name>.secret)",
                        "hub.delivery-configs." + name + ".secret"));
              }
            });
    this.targetKeys = Map.copyOf(rings);
    this.allowUnsigned = properties.allowUnsigned();
    if (allowUnsigned) {
      log.warn(
          "\n**********************************************************************\n"
              + "  hub.ordercloud.allow-unsigned=true: calls WITHOUT X-oc-hash are\n"
              + "  accepted. Anyone who can reach this port can inject events.\n"
              + "  Never use this outside local development.\n"
              + "**********************************************************************");
    }
  }

  /**
   * Called by the inbound routes before anything is parsed. A call that came through the door had
   * its signatures computed while its body arrived (and was refused there if they did not match);
   * they are compared again here rather than computed twice.
   *
   * @throws InboundRejection 401 when the header is missing, empty or matches no key
   */
  public void verify(@Body byte[] rawBody, @Header(HEADER) Object header, Exchange exchange) {
    KeyRing ring = ring(requestUri(exchange));
    byte[][] computed = doorSignatures(exchange);
    verifySignatures(ring, header, computed != null ? computed : ring.signatures(rawBody));
  }

  /**
   * {@link #verify} as an intake step ({@link IntakeSteps}): the body is read only when the door
   * has not signed it already.
   */
  void verifyCall(Exchange exchange) {
    KeyRing ring = ring(requestUri(exchange));
    byte[][] computed = doorSignatures(exchange);
    verifySignatures(
        ring,
        exchange.getIn().getHeader(HEADER),
        computed != null ? computed : ring.signatures(IntakeSteps.body(exchange)));
  }

  /**
   * The keys a call to this URI is verified with: a Delivery Configuration target's own secret on
   * its path when it has one, else {@code OC_HASH_KEYS}.
   */
  KeyRing ring(String requestUri) {
    String target = DeliveryTargets.nameOf(requestUri);
    KeyRing own = target == null ? null : targetKeys.get(target);
    return own != null ? own : webhookKeys;
  }

  /** The URI the call came to: the servlet request's, else Camel's header, else null. */
  static String requestUri(Exchange exchange) {
    if (exchange == null) {
      return null;
    }
    if (exchange.getIn() instanceof PlatformHttpMessage http && http.getRequest() != null) {
      return http.getRequest().getRequestURI();
    }
    return exchange.getIn().getHeader(Exchange.HTTP_URI, String.class);
  }

  /** The signatures the door computed while the body arrived, or null. */
  private static byte[][] doorSignatures(Exchange exchange) {
    return exchange != null
            && exchange.getIn() instanceof PlatformHttpMessage http
            && http.getRequest() != null
            && http.getRequest().getAttribute(WebhookDoor.BODY_SIGNATURES)
                instanceof byte[][] signatures
        ? signatures
        : null;
  }

  /**
   * Compares the presented header with the body's signature under each key of {@code OC_HASH_KEYS}.
   *
   * @param signatures Base64 HMAC of the body under each configured key, in key order
   */
  void verifySignatures(Object header, byte[][] signatures) {
    verifySignatures(webhookKeys, header, signatures);
  }

  /**
   * Compares the presented header with the body's signature under each key of the ring.
   *
   * @param signatures Base64 HMAC of the body under each key of the ring, in key order
   */
  void verifySignatures(KeyRing ring, Object header, byte[][] signatures) {
    String presented = single(header);
    if (presented == null || presented.isBlank()) {
      if (allowUnsigned) {
        return;
      }
      throw InboundRejection.unauthorized(
          "missing_signature", "X-oc-hash header is missing or empty: the call is not signed");
    }
    if (ring.keys.isEmpty()) {
      return; // allow-unsigned without keys: nothing to verify against
    }
    byte[] expected = presented.trim().getBytes(StandardCharsets.US_ASCII);
    boolean match = false;
    for (byte[] signature : signatures) {
      // no early exit: every key is tried so timing does not tell which key matched
      match |= MessageDigest.isEqual(signature, expected);
    }
    if (!match) {
      throw InboundRejection.unauthorized(
          "invalid_signature", "X-oc-hash does not match the body signed with " + ring.description);
    }
  }

  /** A fresh HMAC per key of {@code OC_HASH_KEYS}, ready to be fed the body as it arrives. */
  Mac[] newMacs() {
    return webhookKeys.newMacs();
  }

  /**
   * The keys one kind of call is verified with: {@code OC_HASH_KEYS}, or one Delivery Configuration
   * target's own secret. Never shown: its {@code toString} names the setting, not a key.
   */
  static final class KeyRing {
    private final List<SecretKeySpec> keys;
    private final Mac[] prototypes;
    private final String description;
    private final String setting;

    private KeyRing(List<String> keys, String description, String setting) {
      this.keys =
          keys.stream()
              .map(k -> new SecretKeySpec(k.getBytes(StandardCharsets.UTF_8), HMAC))
              .toList();
      this.prototypes = this.keys.stream().map(OcSignature::mac).toArray(Mac[]::new);
      this.description = description;
      this.setting = setting;
    }

    /** A fresh HMAC per key, ready to be fed the body as it arrives. */
    Mac[] newMacs() {
      Mac[] macs = new Mac[prototypes.length];
      for (int i = 0; i < macs.length; i++) {
        try {
          macs[i] = (Mac) prototypes[i].clone();
        } catch (CloneNotSupportedException e) {
          macs[i] = mac(keys.get(i));
        }
      }
      return macs;
    }

    byte[][] signatures(byte[] rawBody) {
      Mac[] macs = newMacs();
      byte[] body = rawBody == null ? new byte[0] : rawBody;
      for (Mac mac : macs) {
        mac.update(body);
      }
      return finish(macs);
    }

    @Override
    public String toString() {
      return "KeyRing[" + setting + ", " + keys.size() + " key(s)]";
    }
  }

  /** Each HMAC's result, Base64 as OrderCloud sends it. */
  static byte[][] finish(Mac[] macs) {
    byte[][] out = new byte[macs.length][];
    for (int i = 0; i < macs.length; i++) {
      out[i] = Base64.getEncoder().encode(macs[i].doFinal());
    }
    return out;
  }

  private static Mac mac(SecretKeySpec key) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(key);
      return mac;
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /** The header value OrderCloud would send for this body and key. */
  public static String sign(String key, byte[] body) {
    return new String(
        sign(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), HMAC), body),
        StandardCharsets.US_ASCII);
  }

  private static byte[] sign(SecretKeySpec key, byte[] body) {
    return Base64.getEncoder().encode(mac(key).doFinal(body));
  }

  private static String single(Object header) {
    if (header instanceof List<?> values) {
      // a repeated header is ambiguous; only an exact repetition of one value is accepted
      if (values.stream().map(String::valueOf).distinct().count() > 1) {
        throw InboundRejection.unauthorized(
            "invalid_signature", "Several different X-oc-hash headers: the call is ambiguous");
      }
      return values.isEmpty() ? null : String.valueOf(values.get(0));
    }
    return header == null ? null : header.toString();
  }
}
