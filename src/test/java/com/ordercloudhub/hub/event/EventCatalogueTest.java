package com.ordercloudhub.hub.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ordercloudhub.hub.config.SettingException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class EventCatalogueTest {

  private final EventCatalogue catalogue = new EventCatalogue(new CatalogueProperties(List.of()));

  /** Every route the foundation issue lists, with the event type it must resolve to. */
  static Stream<Arguments> required() {
    return Stream.of(
        row("order.submitted", "POST", "v1/orders/{direction}/{orderID}/submit"),
        row("order.submitted", "POST", "v1/cart/submit"),
        row("order.updated", "PUT", "v1/orders/{direction}/{orderID}"),
        row("order.updated", "PATCH", "v1/orders/{direction}/{orderID}"),
        row("order.approved", "POST", "v1/orders/{direction}/{orderID}/approve"),
        row("order.declined", "POST", "v1/orders/{direction}/{orderID}/decline"),
        row("order.canceled", "POST", "v1/orders/{direction}/{orderID}/cancel"),
        row("order.completed", "POST", "v1/orders/{direction}/{orderID}/complete"),
        row("order.shipped", "POST", "v1/orders/{direction}/{orderID}/ship"),
        row("order-return.submitted", "POST", "v1/orderreturns/{returnID}/submit"),
        row("order-return.approved", "POST", "v1/orderreturns/{returnID}/approve"),
        row("order-return.declined", "POST", "v1/orderreturns/{returnID}/decline"),
        row("order-return.completed", "POST", "v1/orderreturns/{returnID}/complete"),
        row("shipment.created", "POST", "v1/shipments"),
        row("shipment.updated", "PUT", "v1/shipments/{shipmentID}"),
        row("shipment.updated", "PATCH", "v1/shipments/{shipmentID}"),
        row("payment.created", "POST", "v1/orders/{direction}/{orderID}/payments"),
        row("line-item.changed", "POST", "v1/orders/{direction}/{orderID}/lineitems"),
        row("line-item.changed", "PATCH", "v1/orders/{direction}/{orderID}/lineitems/{lineItemID}"),
        row("line-item.changed", "DELETE", "v1/cart/lineitems/{lineItemID}"),
        row("address.saved", "POST", "v1/buyers/{buyerID}/addresses"),
        row("address.saved", "PUT", "v1/buyers/{buyerID}/addresses/{addressID}"),
        row("address.saved", "PATCH", "v1/buyers/{buyerID}/addresses/{addressID}"),
        row("address.saved", "POST", "v1/me/addresses"),
        row("address.saved", "PUT", "v1/me/addresses/{addressID}"),
        row("address.saved", "PATCH", "v1/me/addresses/{addressID}"),
        row("address.saved", "POST", "v1/addresses"),
        row("address.saved", "PUT", "v1/addresses/{addressID}"),
        row("address.saved", "PATCH", "v1/addresses/{addressID}"),
        row("address.saved", "POST", "v1/suppliers/{supplierID}/addresses"),
        row("address.saved", "PUT", "v1/suppliers/{supplierID}/addresses/{addressID}"),
        row("address.saved", "PATCH", "v1/suppliers/{supplierID}/addresses/{addressID}"),
        row("address.deleted", "DELETE", "v1/buyers/{buyerID}/addresses/{addressID}"),
        row("address.deleted", "DELETE", "v1/me/addresses/{addressID}"),
        row("address.deleted", "DELETE", "v1/addresses/{addressID}"),
        row("address.deleted", "DELETE", "v1/suppliers/{supplierID}/addresses/{addressID}"),
        row("user.created", "POST", "v1/buyers/{buyerID}/users"),
        row("user.created", "POST", "v1/adminusers"),
        row("user.created", "POST", "v1/suppliers/{supplierID}/users"),
        row("user.created", "PUT", "v1/me/register"),
        row("user.updated", "PUT", "v1/buyers/{buyerID}/users/{userID}"),
        row("user.updated", "PATCH", "v1/adminusers/{userID}"),
        row("user.updated", "PATCH", "v1/suppliers/{supplierID}/users/{userID}"),
        row("user.updated", "PATCH", "v1/me"),
        row("product.changed", "POST", "v1/products"),
        row("product.changed", "PUT", "v1/products/{productID}"),
        row("product.changed", "PATCH", "v1/products/{productID}"),
        row("product.changed", "DELETE", "v1/products/{productID}"));
  }

  private static Arguments row(String event, String verb, String route) {
    return Arguments.of(event, verb, route);
  }

  @ParameterizedTest(name = "{1} {2} → {0}")
  @MethodSource("required")
  void eachCatalogueEntryResolvesToItsEventType(String event, String verb, String route) {
    assertThat(catalogue.typeOf(verb, route)).isEqualTo(event);
  }

  @ParameterizedTest(name = "{1} {2} → {0}")
  @MethodSource("required")
  void theSameRoutesResolveAsConcretePathsWithDirectionInAnyCase(
      String event, String verb, String route) {
    for (String direction : List.of("Outgoing", "incoming", "ALL")) {
      String concrete =
          route
              .replace("{direction}", direction)
              .replaceAll("\\{[A-Za-z]+\\}", "id-42")
              .toUpperCase(Locale.ROOT)
              .replace("V1/", "v1/");
      assertThat(catalogue.typeOf(verb, concrete)).as(concrete).isEqualTo(event);
      assertThat(catalogue.typeOf(verb.toLowerCase(Locale.ROOT), "/" + concrete))
          .as("/" + concrete)
          .isEqualTo(event);
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "POST, v1/orders/{direction}/{orderID}/split",
    "GET, v1/orders/{direction}/{orderID}",
    "DELETE, v1/cart/submit",
    "POST, v1/something/new",
    "POST, ''"
  })
  void anythingElseIsUnclassified(String verb, String route) {
    assertThat(catalogue.typeOf(verb, route)).isEqualTo(EventCatalogue.UNCLASSIFIED);
  }

  @Test
  void placeholderNamesInTheRouteDoNotMatter() {
    assertThat(catalogue.typeOf("POST", "v1/orders/{Direction}/{OrderId}/submit"))
        .isEqualTo("order.submitted");
  }

  @Test
  void theRoutesMixedCaseSegmentsMatch() {
    assertThat(catalogue.typeOf("POST", "V1/Orders/{direction}/{orderID}/Submit"))
        .isEqualTo("order.submitted");
  }

  @Test
  void configurationOverridesAndExtendsTheBuiltInCatalogueWithoutCode() {
    EventCatalogue configured =
        new EventCatalogue(
            new CatalogueProperties(
                List.of(
                    new CatalogueProperties.Entry(
                        "order.placed",
                        List.of("POST v1/orders/{direction}/{orderID}/submit"),
                        List.of()),
                    new CatalogueProperties.Entry(
                        "order.split",
                        List.of("post v1/orders/{direction}/{orderID}/split"),
                        List.of()))));

    assertThat(configured.typeOf("POST", "v1/orders/{direction}/{orderID}/submit"))
        .isEqualTo("order.placed");
    assertThat(configured.typeOf("POST", "v1/orders/Outgoing/SO-1/submit"))
        .isEqualTo("order.placed");
    assertThat(configured.typeOf("POST", "v1/orders/{direction}/{orderID}/split"))
        .isEqualTo("order.split");
    assertThat(configured.typeOf("POST", "v1/cart/submit")).isEqualTo("order.submitted");
  }

  @Test
  void aBrokenOverrideStopsStartUpNamingTheEntry() {
    assertThatThrownBy(
            () ->
                new EventCatalogue(
                    new CatalogueProperties(
                        List.of(
                            new CatalogueProperties.Entry(
                                "Order Submitted", List.of("POST x"), List.of())))))
        .isInstanceOf(SettingException.class)
        .hasMessageContaining("hub.events.catalogue[0]");
    assertThatThrownBy(
            () ->
                new EventCatalogue(
                    new CatalogueProperties(
                        List.of(
                            new CatalogueProperties.Entry(
                                "order.x", List.of("GET v1/x"), List.of())))))
        .isInstanceOf(SettingException.class)
        .hasMessageContaining("VERB");
  }

  @Test
  void messagesAreMessageDotTheTypeInLowerCase() {
    ReceivedEvent message =
        new ReceivedEvent(
            EventKind.MESSAGE,
            null,
            null,
            null,
            null,
            "OrderReturnCompleted",
            null,
            null,
            null,
            "h",
            2,
            null);

    assertThat(catalogue.classify(message).eventType()).isEqualTo("message.orderreturncompleted");
    assertThat(MessageTypes.ALL).hasSize(23).doesNotHaveDuplicates();
  }

  /** Types are remembered per verb and route as sent: beyond what is remembered, still right. */
  @Test
  void manyDistinctRoutesAndVerbsAreClassifiedAsTheFirstTimeAgain() {
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < 1_500; i++) {
        assertThat(catalogue.typeOf("POST", "v1/orders/Outgoing/SO-" + i + "/submit"))
            .isEqualTo("order.submitted");
        assertThat(catalogue.typeOf("POST", "v1/orders/Outgoing/SO-" + i + "/nothing"))
            .isEqualTo(EventCatalogue.UNCLASSIFIED);
      }
      for (int i = 0; i < 40; i++) {
        String verb = " ".repeat(i % 20) + (i < 20 ? "post" : "PuT");
        assertThat(catalogue.typeOf(verb, "v1/shipments" + (i < 20 ? "" : "/{shipmentID}")))
            .isEqualTo(i < 20 ? "shipment.created" : "shipment.updated");
      }
    }
  }
}
