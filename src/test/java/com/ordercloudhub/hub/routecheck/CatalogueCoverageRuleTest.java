package com.ordercloudhub.hub.routecheck;

import static com.ordercloudhub.hub.routecheck.BrokenFixtures.at;
import static com.ordercloudhub.hub.routecheck.BrokenFixtures.check;
import static org.assertj.core.api.Assertions.assertThat;

import com.ordercloudhub.hub.check.CheckContext;
import com.ordercloudhub.hub.check.CheckedSettings;
import com.ordercloudhub.hub.check.Problem;
import com.ordercloudhub.hub.check.RouteModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Coverage reads the unrouted list from {@code hub.events.unrouted}, the setting the catch-all's
 * {@code event-catch-all-known} tests, and reports where the catch-all uses it.
 */
class CatalogueCoverageRuleTest {

  private final CatalogueCoverageRule rule = new CatalogueCoverageRule();

  @Test
  void aTypeNeitherRoutedNorListedAndAListedTypeThatIsNoneAreReportedAtTheCatchAll() {
    String yaml = BrokenFixtures.APPLICATION_YAML.toString();
    assertThat(check(rule, "catch-all.camel.yaml"))
        .containsExactly(
            at("catch-all.camel.yaml", 13)
                + "event type order.shipped has no routing route (event-order-shipped) and is not"
                + " in the catch-all's list of knowingly unrouted types — add"
                + " routes/events/order-shipped.camel.yaml with route id event-order-shipped, or"
                + " add order.shipped to hub.events.unrouted in "
                + yaml,
            at("catch-all.camel.yaml", 13)
                + "the catch-all lists refund.issued, which is no event type of the catalogue —"
                + " correct the spelling, or remove it from hub.events.unrouted");
  }

  @Test
  void aListedTypeThatHasItsRouteIsReported(@TempDir Path dir) throws IOException {
    Path routes = catchAll(dir, "{{hub.events.unrouted}}");
    Files.writeString(
        dir.resolve("payment-created.camel.yaml"),
        """
        - route:
            id: event-payment-created
            from:
              id: event-payment-created-from
              uri: direct:event-payment-created
              steps:
                - log:
                    id: event-payment-created-log
                    message: routed
        """);

    List<String> problems =
        checkWith(
            List.of(routes, dir.resolve("payment-created.camel.yaml")),
            Map.of("hub.events.unrouted", "payment.created"),
            Set.of("payment.created"));

    assertThat(problems)
        .containsExactly(
            routes
                + ":11: event type payment.created is listed as knowingly unrouted, but route"
                + " event-payment-created routes it — remove payment.created from"
                + " hub.events.unrouted in test.yaml");
  }

  @Test
  void aCatchAllThatDoesNotTestTheSettingIsReported(@TempDir Path dir) throws IOException {
    Path routes = catchAll(dir, "payment.created");

    assertThat(
            checkWith(List.of(routes), Map.of("hub.events.unrouted", "payment.created"), Set.of()))
        .containsExactly(
            routes
                + ":11: `when` event-catch-all-known does not test hub.events.unrouted — write it"
                + " as simple: \"${header.hubEventType} in '{{hub.events.unrouted}}'\" (the list"
                + " lives in test.yaml)");
  }

  @Test
  void aListWithSpacesOrWrittenAsAYamlListIsReported(@TempDir Path dir) throws IOException {
    Path routes = catchAll(dir, "{{hub.events.unrouted}}");
    Set<String> types = Set.of("payment.created", "product.changed");

    assertThat(
            checkWith(
                List.of(routes),
                Map.of("hub.events.unrouted", "payment.created, product.changed"),
                types))
        .containsExactly(
            routes
                + ":11: hub.events.unrouted lists ' product.changed' with a space: the catch-all's"
                + " `in` compares the space too — write the list without spaces in test.yaml:"
                + " type.one,type.two");
    assertThat(
            checkWith(
                List.of(routes),
                Map.of(
                    "hub.events.unrouted[0]", "payment.created",
                    "hub.events.unrouted[1]", "product.changed"),
                Set.of()))
        .containsExactly(
            routes
                + ":11: hub.events.unrouted in test.yaml is a YAML list: the catch-all's"
                + " {{hub.events.unrouted}} reads one value — write it on one line,"
                + " comma-separated: unrouted: type.one,type.two");
  }

  @Test
  void withoutACatalogueOnlyTheCatchAllItselfIsChecked() {
    assertThat(BrokenFixtures.checkValid(rule)).isEmpty();
  }

  private static Path catchAll(Path dir, String list) throws IOException {
    Path file = dir.resolve("catch-all.camel.yaml");
    Files.writeString(
        file,
        """
        - route:
            id: event-catch-all
            from:
              id: event-catch-all-from
              uri: direct:event-catch-all
              steps:
                - choice:
                    id: event-catch-all-decision
                    when:
                      - id: event-catch-all-known
                        simple: "${header.hubEventType} in '%s'"
                        steps:
                          - log:
                              id: event-catch-all-log
                              message: no legs
        """
            .formatted(list));
    return file;
  }

  private List<String> checkWith(List<Path> files, Map<String, String> keys, Set<String> types) {
    CheckedSettings settings =
        new CheckedSettings() {
          @Override
          public Optional<String> value(String key) {
            return Optional.ofNullable(keys.get(key));
          }

          @Override
          public List<String> routePatterns() {
            return List.of();
          }

          @Override
          public String source() {
            return "test.yaml";
          }
        };
    return rule
        .check(RouteModel.read(files, List.of()), new CheckContext(settings, name -> true, types))
        .stream()
        .map(Problem::toString)
        .toList();
  }
}
