package com.ordercloudhub.hub.reload;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** The route check asks the running hub's environment for a placeholder's key. */
class EnvironmentSettingsTest {

  @Test
  void aDefinedKeyHasItsResolvedValueAndAnUndefinedOneNone() {
    MockEnvironment environment =
        new MockEnvironment()
            .withProperty("hub.erp.url", "${ERP_HOST}/orders")
            .withProperty("ERP_HOST", "http://127.0.0.1:9");

    EnvironmentSettings settings = new EnvironmentSettings(environment);

    assertThat(settings.value("hub.erp.url")).contains("http://127.0.0.1:9/orders");
    assertThat(settings.value("hub.crm.url")).isEmpty();
  }

  @Test
  void aKeyWhoseValueNamesAnUnresolvablePlaceholderStillCountsAsDefined() {
    MockEnvironment environment = new MockEnvironment().withProperty("hub.erp.url", "${NOWHERE}");

    assertThat(new EnvironmentSettings(environment).value("hub.erp.url")).contains("");
  }

  @Test
  void routePatternsAreSplitAtCommasAndTrimmed() {
    MockEnvironment environment =
        new MockEnvironment()
            .withProperty(
                EnvironmentSettings.ROUTE_PATTERNS,
                " file:routes/**/*.camel.yaml, ,classpath:extra/*.yaml ,");

    assertThat(new EnvironmentSettings(environment).routePatterns())
        .containsExactly("file:routes/**/*.camel.yaml", "classpath:extra/*.yaml");
  }

  @Test
  void withoutRoutePatternsThereAreNone() {
    EnvironmentSettings settings = new EnvironmentSettings(new MockEnvironment());

    assertThat(settings.routePatterns()).isEmpty();
    assertThat(settings.source()).isEqualTo("the hub's configuration");
  }
}
