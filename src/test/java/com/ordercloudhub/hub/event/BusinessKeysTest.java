package com.ordercloudhub.hub.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.ordercloudhub.hub.config.SettingException;
import com.ordercloudhub.hub.support.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The business key the catalogue gives each event type: orders, their shipments, returns and
 * messages by the order; users and addresses by their own ID; nothing for other types.
 */
class BusinessKeysTest {

  private final EventCatalogue catalogue = new EventCatalogue(new CatalogueProperties(List.of()));

  private static JsonNode json(String text) {
    return Fixtures.json(text.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
  }

  private String key(String type, String payload) {
    return catalogue.businessKeyOf(type, json(payload));
  }

  @ParameterizedTest(name = "{0}: {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        // order events: the order OrderCloud answered, else the route's orderID
        "order.submitted | {'RouteParams':{'orderID':'SO-1'},'Response':{'Body':{'ID':'SO-1'}}} | order:SO-1",
        "order.submitted | {'RouteParams':{},'Response':{'Body':{'ID':'SO-2'}}} | order:SO-2",
        "order.updated | {'RouteParams':{'orderID':'OLD-ID'},'Response':{'Body':{'ID':'SO-2b'}}} | order:SO-2b",
        "order.canceled | {'RouteParams':{'OrderID':'SO-3'},'Response':{'Body':null}} | order:SO-3",
        "order.updated | {'routeParams':{'orderid':'SO-4'}} | order:SO-4",
        // shipments and returns by their order when the payload has it, else by their own ID
        "shipment.updated | {'RouteParams':{'shipmentID':'SH-1'},'Request':{'Body':{'OrderID':'SO-5','LineItemID':'L1'}}} | order:SO-5",
        "shipment.updated | {'RouteParams':{'shipmentID':'SH-1','orderID':'SO-6','lineItemID':'L1'}} | order:SO-6",
        "shipment.created | {'RouteParams':{},'Response':{'Body':{'ID':'SH-2','BuyerID':'ACME'}}} | shipment:SH-2",
        "order-return.submitted | {'RouteParams':{'returnID':'R-1'},'Response':{'Body':{'ID':'R-1','OrderID':'SO-7'}}} | order:SO-7",
        "order-return.approved | {'RouteParams':{'returnID':'R-2'},'Response':{'Body':null}} | order-return:R-2",
        // users and addresses by their ID, from the route or the saved entity
        "user.updated | {'RouteParams':{'buyerID':'ACME','userID':'U-1'}} | user:U-1",
        "user.created | {'RouteParams':{'buyerID':'ACME'},'Response':{'Body':{'ID':'U-2'}}} | user:U-2",
        "address.saved | {'RouteParams':{'buyerID':'ACME'},'Response':{'Body':{'ID':'A-1'}}} | address:A-1",
        "address.deleted | {'RouteParams':{'buyerID':'ACME','addressID':'A-2'},'Response':{'Body':null}} | address:A-2",
        // Message Sender messages about an order
        "message.ordersubmitted | {'MessageType':'OrderSubmitted','EventBody':{'Order':{'ID':'SO-8'}}} | order:SO-8",
        "message.shipmentcreated | {'EventBody':{'Order':{'ID':'SO-9'},'Shipment':{'ID':'SH-3'}}} | order:SO-9",
        // a number is a key too
        "order.approved | {'RouteParams':{'orderID':42}} | order:42",
        // OrderSync: the order itself (as documented), or a worksheet's Order
        "order.synced | {'ID':'SO-10','LastUpdated':'2025-03-14T16:02:11Z','LineItems':[]} | order:SO-10",
        "order.synced | {'Order':{'ID':'SO-11'},'LineItems':[{'ID':'L1'}]} | order:SO-11",
        // EntitySync users and buyers by their own ID
        "buyer-user.synced | {'ID':'U-3','CompanyID':'ACME','UserType':0} | user:U-3",
        "buyer.synced | {'ID':'ACME','Name':'Acme Corp'} | buyer:ACME"
      })
  void eachEventTypeIsKeyedByWhatItIsAbout(String type, String payload, String expected) {
    assertThat(key(type, payload)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // types without a key, payloads without the value, empty or non-text values
        "product.changed | {'RouteParams':{'productID':'P-1'},'Response':{'Body':{'ID':'P-1'}}}",
        "unclassified | {'RouteParams':{'orderID':'SO-1'}}",
        "message.forgottenpassword | {'EventBody':{'Username':'jdoe'}}",
        "order.submitted | {'RouteParams':{},'Response':{'Body':null}}",
        "order.submitted | {'RouteParams':{'orderID':'  '},'Response':{'Body':{'ID':''}}}",
        "order.submitted | {'RouteParams':{'orderID':{'ID':'SO-1'}}}",
        "user.updated | {'RouteParams':{'userID':true}}"
      })
  void otherEventsHaveNoKey(String type, String payload) {
    assertThat(key(type, payload)).isNull();
  }

  @Test
  void aConfiguredEntryReplacesTheBuiltInOneForWhatItNames() {
    EventCatalogue configured =
        new EventCatalogue(
            new CatalogueProperties(List.of()),
            new BusinessKeyProperties(
                Map.of(
                    "order.updated", List.of("cart:/Response/Body/xp/cartId"),
                    "product", List.of("product:/RouteParams/productID"),
                    "user.*", List.of(),
                    "message.ordersubmitted", List.of("order:/EventBody/LineItems/0/OrderID"))));

    // the exact type wins over the built-in prefix; other order types keep the built-in key
    assertThat(
            configured.businessKeyOf(
                "order.updated",
                json(
                    "{'RouteParams':{'orderID':'SO-1'},'Response':{'Body':{'xp':{'cartId':'C9'}}}}")))
        .isEqualTo("cart:C9");
    assertThat(
            configured.businessKeyOf("order.approved", json("{'RouteParams':{'orderID':'SO-1'}}")))
        .isEqualTo("order:SO-1");
    assertThat(
            configured.businessKeyOf(
                "product.changed", json("{'RouteParams':{'productID':'P-1'}}")))
        .isEqualTo("product:P-1");
    // an empty list: that type has no key any more ("user.*" is the prefix "user")
    assertThat(configured.businessKeyOf("user.updated", json("{'RouteParams':{'userID':'U-1'}}")))
        .isNull();
    // array indexes in the pointer
    assertThat(
            configured.businessKeyOf(
                "message.ordersubmitted",
                json("{'EventBody':{'Order':{'ID':'SO-1'},'LineItems':[{'OrderID':'SO-2'}]}}")))
        .isEqualTo("order:SO-2");
  }

  @Test
  void dottedEventTypesBindAsOneKeyFromConfiguration() {
    Binder binder =
        new Binder(
            new MapConfigurationPropertySource(
                Map.of(
                    "hub.events.business-keys.order.updated[0]", "cart:/Response/Body/ID",
                    "hub.events.business-keys.product[0]", "product:/RouteParams/productID")));

    BusinessKeyProperties bound = binder.bindOrCreate("hub.events", BusinessKeyProperties.class);

    assertThat(bound.businessKeys())
        .containsOnly(
            Map.entry("order.updated", List.of("cart:/Response/Body/ID")),
            Map.entry("product", List.of("product:/RouteParams/productID")));
  }

  @Test
  void aKeyLongerThanTheColumnIsStoredAsItsKindAndHash() {
    String longId = "X".repeat(250);
    String key = key("order.submitted", "{'RouteParams':{'orderID':'" + longId + "'}}");

    assertThat(key)
        .startsWith("order:sha256:")
        .hasSizeLessThanOrEqualTo(200)
        .isEqualTo(
            "order:sha256:"
                + ReceivedEvent.sha256Hex(("order:" + longId).getBytes(StandardCharsets.UTF_8)));
    assertThat(key("order.submitted", "{'RouteParams':{'orderID':'" + "X".repeat(194) + "'}}"))
        .hasSize(200)
        .endsWith("XXX");
  }

  @Test
  void anEntryThatIsNotKindAndPointerStopsStartUpNamingTheKey() {
    for (String bad :
        List.of(
            "/RouteParams/orderID", "order:RouteParams/orderID", "Order:/x", ":/x", "order:/")) {
      assertThatThrownBy(
              () ->
                  new EventCatalogue(
                      new CatalogueProperties(List.of()),
                      new BusinessKeyProperties(Map.of("order", List.of(bad)))))
          .as(bad)
          .isInstanceOf(SettingException.class)
          .hasMessageContaining("hub.events.business-keys.order[0]");
    }
  }
}
