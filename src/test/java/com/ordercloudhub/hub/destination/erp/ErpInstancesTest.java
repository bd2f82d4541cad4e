package com.ordercloudhub.hub.destination.erp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.ordercloudhub.hub.config.SettingException;
import com.ordercloudhub.hub.delivery.DeliveryExchanges;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Named ERP instances from configuration: the default {@code erp} as application.yaml wires it, a
 * second one by its keys, what each lacks in the words an operator acts on, and the requests going
 * to the instance the leg names.
 */
class ErpInstancesTest {

  static StandardEnvironment environment(Map<String, Object> properties) {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
    return environment;
  }

  @Test
  void theDefaultInstanceAlwaysExistsAndNamesTheEnvironmentVariablesItLacks() {
    ErpInstances none = new ErpInstances(environment(Map.of()));
    assertThat(none.all()).extracting(ErpInstance::name).containsExactly("erp");
    assertThat(none.instance("erp").missing()).contains("ERP_BASE_URL is not set");

    ErpInstances basic =
        new ErpInstances(
            environment(
                Map.of("hub.erp.erp.base-url", "http://erp.test", "hub.erp.erp.auth", "basic")));
    assertThat(basic.instance("erp").missing())
        .contains("ERP_AUTH=basic needs ERP_USERNAME and ERP_PASSWORD");
  }

  @Test
  void aSecondInstanceIsConfiguredByItsKeysAndNamesThemWhenIncomplete() {
    ErpInstances instances =
        new ErpInstances(
            environment(
                Map.of(
                    "hub.erp.erp.base-url", "http://erp.test",
                    "hub.erp.erp-eu.base-url", "http://erp-eu.test/",
                    "hub.erp.erp-eu.auth", "bearer",
                    "hub.erp.erp-eu.read-timeout-ms", "3000")));

    assertThat(instances.all()).extracting(ErpInstance::name).containsExactly("erp", "erp-eu");
    ErpInstance eu = instances.instance("erp-eu");
    assertThat(eu.baseUrl()).isEqualTo("http://erp-eu.test");
    assertThat(eu.properties().readTimeoutMs()).isEqualTo(3000);
    assertThat(eu.properties().connectTimeoutMs()).isEqualTo(2000);
    assertThat(eu.missing()).contains("hub.erp.erp-eu.auth=bearer needs hub.erp.erp-eu.token");
    assertThat(instances.instance("erp").missing()).isEmpty();
    assertThat(ErpInstances.names(environment(Map.of("hub.erp.erp-eu.token", "t"))))
        .containsExactly("erp", "erp-eu");
  }

  @Test
  void aWrongAuthStopsStartUpNamingTheSetting() {
    assertThatThrownBy(() -> new ErpInstances(environment(Map.of("hub.erp.erp.auth", "kerberos"))))
        .isInstanceOfSatisfying(
            SettingException.class,
            e -> {
              assertThat(e.variable()).isEqualTo("ERP_AUTH");
              assertThat(e.key()).isEqualTo("hub.erp.erp.auth");
              assertThat(e.getMessage()).contains("\"kerberos\"", "none, basic, bearer");
            });
    assertThatThrownBy(
            () -> new ErpInstances(environment(Map.of("hub.erp.erp-eu.auth", "kerberos"))))
        .isInstanceOfSatisfying(
            SettingException.class, e -> assertThat(e.key()).isEqualTo("hub.erp.erp-eu.auth"));
  }

  @Test
  void theOldFlatKeysStillConfigureTheDefaultInstance() {
    ErpInstances instances =
        new ErpInstances(
            environment(
                Map.of(
                    "hub.erp.erp.base-url", "http://erp.test",
                    "hub.erp.base-url", "",
                    "hub.erp.token", "flat-token")));

    assertThat(instances.all()).extracting(ErpInstance::name).containsExactly("erp");
    assertThat(instances.instance("erp").missing()).contains("ERP_BASE_URL is not set");
    assertThat(instances.instance("erp").properties().token()).isEqualTo("flat-token");
  }

  @Test
  void aKeyThatIsNeitherAnInstanceNorASettingStopsStartUp() {
    assertThatThrownBy(() -> ErpInstances.names(environment(Map.of("hub.erp.base-ur", "x"))))
        .isInstanceOf(SettingException.class)
        .hasMessageContaining("hub.erp.base-ur");
    assertThatThrownBy(
            () -> ErpInstances.names(environment(Map.of("hub.erp.ERP_EU.base-url", "http://x"))))
        .isInstanceOf(SettingException.class)
        .hasMessageContaining("kebab-case");
  }

  @Test
  void everyInstancesRouteFilePlaceholdersHaveTheirTimeoutDefaults() {
    ErpDefaults defaults = new ErpDefaults(java.util.List.of("erp", "erp-eu"));

    assertThat(defaults.getProperty("hub.erp.erp-eu.connect-timeout-ms")).isEqualTo("2000");
    assertThat(defaults.getProperty("hub.erp.erp-eu.read-timeout-ms")).isEqualTo("10000");
    assertThat(defaults.getProperty("hub.erp.erp-eu.base-url")).isNull();
    assertThat(defaults.getProperty("hub.crm.connect-timeout-ms")).isNull();
  }

  @Test
  void aRequestGoesToTheInstanceItsLegNamesWithThatInstancesAuthentication() {
    ErpInstances instances =
        new ErpInstances(
            environment(
                Map.of(
                    "hub.erp.erp.base-url", "http://erp.test/api/",
                    "hub.erp.erp.auth", "bearer",
                    "hub.erp.erp.token", "first-token",
                    "hub.erp.erp-eu.base-url", "http://erp-eu.test",
                    "hub.erp.erp-eu.auth", "bearer",
                    "hub.erp.erp-eu.token", "eu-token")));
    ErpRequests requests = new ErpRequests(instances, new ObjectMapper());

    Exchange eu = order("erp-eu");
    requests.salesOrder(eu);
    Exchange first = order("erp");
    requests.salesOrder(first);

    assertThat(eu.getMessage().getHeader(Exchange.HTTP_URI))
        .isEqualTo("http://erp-eu.test/sales-orders");
    assertThat(eu.getMessage().getHeader("Authorization")).isEqualTo("Bearer eu-token");
    assertThat(first.getMessage().getHeader(Exchange.HTTP_URI))
        .isEqualTo("http://erp.test/api/sales-orders");
    assertThat(first.getMessage().getHeader("Authorization")).isEqualTo("Bearer first-token");
  }

  static Exchange order(String destination) {
    Exchange exchange = new DefaultExchange(new DefaultCamelContext());
    exchange.getMessage().setHeader(DeliveryExchanges.DESTINATION, destination);
    exchange.getMessage().setHeader(DeliveryExchanges.IDEMPOTENCY_KEY, "e1:" + destination);
    exchange.getMessage().setBody("{\"orderId\":\"SO-1\"}");
    return exchange;
  }
}
