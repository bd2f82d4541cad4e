package com.ordercloudhub.hub.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ordercloudhub.hub.support.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The Delivery Configuration target settings: bound from the environment variables README names,
 * checked at start, never shown, and each target's secret used on its own path only.
 */
class DeliveryConfigPropertiesTest {

  private static DeliveryConfigProperties bind(
      org.springframework.core.env.PropertySource<?> source) {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(source);
    return new Binder(ConfigurationPropertySources.get(environment))
        .bindOrCreate("hub", DeliveryConfigProperties.class);
  }

  private static DeliveryConfigProperties fromEnvironment(Map<String, Object> variables) {
    return bind(
        new SystemEnvironmentPropertySource(
            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
  }

  private static DeliveryConfigProperties fromSettings(Map<String, Object> settings) {
    return bind(new MapPropertySource("test", settings));
  }

  @Test
  void theDocumentedEnvironmentVariablesBindEachTarget() {
    DeliveryConfigProperties properties =
        fromEnvironment(
            Map.of(
                "HUB_DELIVERYCONFIGS_ORDERS_SECRET", "s3cret-orders",
                "HUB_DELIVERYCONFIGS_ORDERS_AUTHHEADERNAME", "X-Hub-Auth",
                "HUB_DELIVERYCONFIGS_ORDERS_AUTHHEADERVALUE", "v4lue",
                "HUB_DELIVERYCONFIGS_DEFAULT_SECRET", "s3cret-default"));

    assertThat(properties.target("orders").secret()).isEqualTo("s3cret-orders");
    assertThat(properties.target("orders").authHeaderName()).isEqualTo("X-Hub-Auth");
    assertThat(properties.target("orders").authHeaderValue()).isEqualTo("v4lue");
    assertThat(properties.target("default").secret()).isEqualTo("s3cret-default");
    assertThat(properties.target("default").hasAuthHeader()).isFalse();
  }

  @Test
  void namesMatchInAnyCaseAndNothingConfiguredIsNoTarget() {
    DeliveryConfigProperties properties =
        fromSettings(Map.of("hub.delivery-configs.OrderSync.secret", "s"));

    assertThat(properties.target("ordersync").secret()).isEqualTo("s");
    assertThat(fromSettings(Map.of()).deliveryConfigs()).isEmpty();
  }

  @Test
  void aHeaderNameWithoutItsValueOrAnUnusableNameStopsTheStart() {
    assertThatThrownBy(
            () -> fromSettings(Map.of("hub.delivery-configs.a.auth-header-name", "X-Hub-Auth")))
        .isInstanceOf(BindException.class)
        .rootCause()
        .hasMessageContaining("must be set together");
    assertThatThrownBy(
            () ->
                fromSettings(
                    Map.of(
                        "hub.delivery-configs.a.secret", "s3cret-a",
                        "hub.delivery-configs.a.auth-header-name", "X-oc-hash",
                        "hub.delivery-configs.a.auth-header-value", "v4lue-a")))
        // the start-up report prints a failing property's value: none is named, none quoted
        .isInstanceOfSatisfying(BindException.class, e -> assertThat(e.getProperty()).isNull())
        .rootCause()
        .hasMessageContaining("auth-header-name must be an HTTP header name")
        .hasMessageNotContaining("s3cret-a")
        .hasMessageNotContaining("v4lue-a");
    assertThatThrownBy(
            () ->
                fromSettings(
                    Map.of(
                        "hub.delivery-configs.a.auth-header-name", "Bad Header:",
                        "hub.delivery-configs.a.auth-header-value", "v")))
        .rootCause()
        .hasMessageContaining("auth-header-name must be an HTTP header name");
    assertThatThrownBy(
            () ->
                fromSettings(
                    Map.of(
                        "hub.delivery-configs.[Orders].secret", "a",
                        "hub.delivery-configs.[orders].secret", "b")))
        .rootCause()
        .hasMessageContaining("configured twice");
  }

  @Test
  void settingsNeverShowTheSecretOrTheHeaderValue() {
    DeliveryConfigProperties properties =
        fromSettings(
            Map.of(
                "hub.delivery-configs.orders.secret", "s3cret-orders",
                "hub.delivery-configs.orders.auth-header-name", "X-Hub-Auth",
                "hub.delivery-configs.orders.auth-header-value", "v4lue-orders"));

    assertThat(properties.toString())
        .contains("orders", "X-Hub-Auth")
        .doesNotContain("s3cret-orders", "v4lue-orders");
    assertThat(
            new SignatureProperties(List.of("k3y-one", "k3y-two"), false, null, Duration.ZERO)
                .toString())
        .contains("2 key(s)")
        .doesNotContain("k3y-one", "k3y-two");
  }

  @Test
  void aTargetsSecretVerifiesOnItsPathAloneAndOcHashKeysEverywhereElse() {
    OcSignature signature =
        new OcSignature(
            new SignatureProperties(List.of(Fixtures.KEY), false, null, Duration.ZERO),
            fromSettings(Map.of("hub.delivery-configs.orders.secret", "orders-secret")));
    byte[] body = "{\"ID\":\"SO-1\"}".getBytes(StandardCharsets.UTF_8);
    String byTarget = OcSignature.sign("orders-secret", body);
    String byWebhookKey = OcSignature.sign(Fixtures.KEY, body);

    assertThat(accepts(signature, "/webhooks/ordercloud/delivery/orders", byTarget, body)).isTrue();
    assertThat(accepts(signature, "/webhooks/ordercloud/delivery/Orders", byTarget, body)).isTrue();
    assertThat(accepts(signature, "/webhooks/ordercloud/delivery/ord%65rs", byTarget, body))
        .isTrue();
    assertThat(accepts(signature, "/webhooks/ordercloud/delivery/orders", byWebhookKey, body))
        .isFalse();
    assertThat(accepts(signature, "/webhooks/ordercloud/delivery", byTarget, body)).isFalse();
    assertThat(accepts(signature, "/webhooks/ordercloud/delivery", byWebhookKey, body)).isTrue();
    assertThat(accepts(signature, "/webhooks/ordercloud/delivery/other", byWebhookKey, body))
        .isTrue();
    assertThat(accepts(signature, "/webhooks/ordercloud/post", byTarget, body)).isFalse();
    assertThat(signature.ring("/webhooks/ordercloud/delivery/orders").toString())
        .doesNotContain("orders-secret");
  }

  private static boolean accepts(OcSignature signature, String uri, String header, byte[] body) {
    OcSignature.KeyRing ring = signature.ring(uri);
    try {
      signature.verifySignatures(ring, header, ring.signatures(body));
      return true;
    } catch (InboundRejection e) {
      return false;
    }
  }

  @Test
  void theAuthHeaderIsCheckedOnlyOnTheTargetThatConfiguresIt() {
    DeliveryTargets targets =
        new DeliveryTargets(
            fromSettings(
                Map.of(
                    "hub.delivery-configs.guarded.auth-header-name", "X-Hub-Auth",
                    "hub.delivery-configs.guarded.auth-header-value", "right")));
    String guarded = "/webhooks/ordercloud/delivery/guarded";

    assertThatCode(() -> targets.checkAuthHeader(guarded, name -> List.of("right")))
        .doesNotThrowAnyException();
    assertThatCode(
            () -> targets.checkAuthHeader("/webhooks/ordercloud/delivery", name -> List.of()))
        .doesNotThrowAnyException();
    for (List<String> wrong : List.of(List.<String>of(), List.of("wrong"), List.of("right", "x"))) {
      assertThatThrownBy(() -> targets.checkAuthHeader(guarded, name -> wrong))
          .as(wrong.toString())
          .isInstanceOfSatisfying(
              InboundRejection.class, e -> assertThat(e.error()).isEqualTo("invalid_auth_header"))
          .hasMessageNotContaining("right");
    }
  }

  @Test
  void onlyTheDeliveryPathsNameATarget() {
    assertThat(DeliveryTargets.nameOf("/webhooks/ordercloud/delivery")).isEqualTo("default");
    assertThat(DeliveryTargets.nameOf("/webhooks/ordercloud/delivery/A.b-c")).isEqualTo("a.b-c");
    assertThat(DeliveryTargets.nameOf("/webhooks/ordercloud/deliveryx")).isNull();
    assertThat(DeliveryTargets.nameOf("/webhooks/ordercloud/delivery/")).isNull();
    assertThat(DeliveryTargets.nameOf("/webhooks/ordercloud/delivery/a/b")).isNull();
    assertThat(DeliveryTargets.nameOf("/webhooks/ordercloud/post")).isNull();
    assertThat(DeliveryTargets.nameOf(null)).isNull();
  }
}
