package com.ordercloudhub.hub.destination.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Per-type settings are found whatever the case of the type, in any locale. */
class MessagePropertiesTest {

  static final MessageProperties.TypeSettings ORDERS =
      new MessageProperties.TypeSettings("Order {{orderid}}", "orders@x.example", List.of());

  static MessageProperties with(Map<String, MessageProperties.TypeSettings> types) {
    return new MessageProperties("", "", "", Map.of(), types);
  }

  @Test
  void aTypeConfiguredInAnyCaseIsFoundInAnyCase() {
    for (String configured : List.of("ordersubmitted", "OrderSubmitted", "ORDERSUBMITTED")) {
      MessageProperties properties = with(Map.of(configured, ORDERS));

      assertThat(properties.forType("OrderSubmitted")).as(configured).isEqualTo(ORDERS);
      assertThat(properties.forType("ordersubmitted")).as(configured).isEqualTo(ORDERS);
    }
  }

  @Test
  void anUnconfiguredTypeHasNoOverrides() {
    MessageProperties.TypeSettings none =
        with(Map.of("ordersubmitted", ORDERS)).forType("OrderApproved");

    assertThat(none.subject()).isNull();
    assertThat(none.from()).isNull();
    assertThat(none.cc()).isEmpty();
    assertThat(with(Map.of()).forType(null).cc()).isEmpty();
  }

  @Test
  void theLookupDoesNotDependOnTheDefaultLocale() {
    MessageProperties properties = with(Map.of("productcollectioninvitationaccepted", ORDERS));
    Locale before = Locale.getDefault();
    Locale.setDefault(Locale.forLanguageTag("tr-TR")); // "I".toLowerCase() is a dotless ı there
    try {
      assertThat(properties.forType("ProductCollectionInvitationAccepted")).isEqualTo(ORDERS);
    } finally {
      Locale.setDefault(before);
    }
  }

  @Test
  void aNameThatIsNoMessageTypeOrATypeConfiguredTwiceStopsStartUp() {
    assertThatThrownBy(() -> with(Map.of("ordersubmited", ORDERS)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("hub.messages.types.ordersubmited");
    assertThatThrownBy(() -> with(Map.of("OrderSubmitted", ORDERS, "ordersubmitted", ORDERS)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ordersubmitted twice");
  }
}
