package com.ordercloudhub.hub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.ordercloudhub.hub.HubApplication;
import com.ordercloudhub.hub.support.HubClient;
import com.ordercloudhub.hub.support.Payloads;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Without a profile the hub is strict: a missing secret stops start-up and names its variable. */
class StrictStartupTest {

  /** Complete valid settings, with some replaced ("KEY=value"). */
  private static List<String> settings(String... overrides) {
    Map<String, String> all = new LinkedHashMap<>();
    Stream.concat(
            Stream.of(
                "OC_HASH_KEYS=k1",
                "HUB_OPS_USERNAME=ops",
                "HUB_OPS_PASSWORD=pw",
                "HUB_ENCRYPTION_KEY=dGVzdC1lbmNyeXB0aW9uLWtleS0zMi1ieXRlcy0hISE=",
                "server.port=0",
                "spring.datasource.url=jdbc:h2:file:./target/test-db/strict-"
                    + UUID.randomUUID()
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE"),
            Stream.of(overrides))
        .forEach(s -> all.put(s.substring(0, s.indexOf('=')), s));
    return List.copyOf(all.values());
  }

  private static ConfigurableApplicationContext start(List<String> properties) {
    // as command-line arguments: they win over ./application.yaml, like environment variables
    return new SpringApplicationBuilder(HubApplication.class)
        .run(properties.stream().map(p -> "--" + p).toArray(String[]::new));
  }

  static Stream<Arguments> missingSecrets() {
    return Stream.of(
        Arguments.of("OC_HASH_KEYS", "OC_HASH_KEYS="),
        Arguments.of("HUB_OPS_USERNAME", "HUB_OPS_USERNAME="),
        Arguments.of("HUB_OPS_PASSWORD", "HUB_OPS_PASSWORD="),
        Arguments.of("HUB_ENCRYPTION_KEY", "HUB_ENCRYPTION_KEY="),
        Arguments.of("HUB_ENCRYPTION_KEY", "HUB_ENCRYPTION_KEY=dG9vLXNob3J0"),
        // write-back writes with the hub's own OrderCloud API client
        Arguments.of("ORDERCLOUD_CLIENT_ID", "hub.writeback.enabled=true"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("missingSecrets")
  void aMissingSecretStopsStartUpNamingTheVariable(String variable, String override) {
    Throwable failure = catchThrowable(() -> start(settings(override)).close());

    assertThat(failure).isNotNull();
    Throwable cause = failure;
    while (cause != null && !(cause instanceof SettingException)) {
      cause = cause.getCause();
    }
    assertThat(cause).as("a SettingException in %s", failure).isNotNull();
    assertThat(((SettingException) cause).variable()).isEqualTo(variable);
    assertThat(cause.getMessage()).contains(variable);
  }

  @Test
  void allowUnsignedLetsTheHubStartWithoutKeysAndAcceptUnsignedCalls() {
    try (ConfigurableApplicationContext hub =
        start(settings("OC_HASH_KEYS=", "hub.ordercloud.allow-unsigned=true"))) {
      int port = ((WebServerApplicationContext) hub).getWebServer().getPort();

      var answer =
          new HubClient(port)
              .post(
                  "/webhooks/ordercloud/post",
                  Payloads.webhook("v1/cart/submit", "POST", UUID.randomUUID().toString())
                      .getBytes(),
                  null);

      assertThat(answer.statusCode()).isEqualTo(202);
    }
  }
}
