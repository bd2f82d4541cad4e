package com.ordercloudhub.hub.writeback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ordercloudhub.hub.config.SettingException;
import com.ordercloudhub.hub.destination.ordercloud.OrderCloudApiProperties;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Write-back refuses to start without what it needs, naming the setting: the hub's own API client,
 * asking for a role that may PATCH orders.
 */
class WritebackSettingsTest {

  static final WritebackProperties ON =
      new WritebackProperties(true, "Integration", List.of(), "OrderAdmin", "", List.of());

  static OrderCloudApiProperties client(String clientId, String scope) {
    return new OrderCloudApiProperties(
        "http://127.0.0.1:9",
        "http://127.0.0.1:9",
        clientId,
        "secret",
        scope,
        Duration.ofSeconds(1),
        Duration.ofSeconds(1),
        100);
  }

  @Test
  void withoutTheApiClientStartUpNamesIt() {
    assertThatThrownBy(() -> OrderWriteBack.check(ON, client("", "OrderReader OrderAdmin")))
        .isInstanceOf(SettingException.class)
        .hasMessageContaining("ORDERCLOUD_CLIENT_ID")
        .hasMessageContaining("hub.writeback.enabled");
  }

  @Test
  void withoutTheRoleInTheScopeStartUpNamesTheScope() {
    assertThatThrownBy(() -> OrderWriteBack.check(ON, client("hub", "OrderReader")))
        .isInstanceOf(SettingException.class)
        .hasMessageContaining("hub.ordercloud.api.scope")
        .hasMessageContaining("OrderAdmin");
    // a role only part of another's name does not count
    assertThatThrownBy(() -> OrderWriteBack.check(ON, client("hub", "OrderAdminX")))
        .isInstanceOf(SettingException.class);
  }

  @Test
  void theRoleOrFullAccessWill() {
    assertThatCode(() -> OrderWriteBack.check(ON, client("hub", "OrderReader  OrderAdmin")))
        .doesNotThrowAnyException();
    assertThatCode(() -> OrderWriteBack.check(ON, client("hub", "FullAccess")))
        .doesNotThrowAnyException();
    assertThat(ON.counts("anything")).isTrue();
    assertThat(
            new WritebackProperties(
                    true, "Integration", List.of("erp"), "OrderAdmin", "", List.of())
                .counts("database"))
        .isFalse();
  }
}
