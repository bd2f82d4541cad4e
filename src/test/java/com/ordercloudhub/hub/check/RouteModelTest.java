package com.ordercloudhub.hub.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The route files parsed once: elements, steps, ids and names used, each at its line and column.
 */
class RouteModelTest {

  private static final Path FLOW =
      Path.of("src/test/resources/conventions/valid/order-flow.camel.yaml");
  private static final Path MISSING_IDS =
      Path.of("src/test/resources/conventions/broken/missing-step-ids.camel.yaml");

  private final RouteModel model = RouteModel.read(List.of(FLOW, MISSING_IDS), List.of());

  @Test
  void aRouteIsReadWithItsFromAndTheRouteConfigurationsItNames() {
    RouteElement route = model.element("route", "order-flow").orElseThrow();

    assertThat(route.at()).isEqualTo(new Location(FLOW, 3, 3));
    assertThat(route.owner()).isEqualTo("route 'order-flow'");
    From from = route.from().orElseThrow();
    assertThat(from.id()).isEqualTo("order-flow-from");
    assertThat(from.at()).isEqualTo(new Location(FLOW, 7, 5));
    assertThat(from.directName()).contains("order-flow");
    assertThat(route.routeConfigurations())
        .extracting(Reference::name, Reference::at)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("order-errors", new Location(FLOW, 6, 27)));
  }

  @Test
  void stepsAtEveryDepthAreListedInFileOrderWithTheirRoute() {
    List<Step> steps = model.element("route", "order-flow").orElseThrow().steps();

    assertThat(steps)
        .extracting(Step::eip, Step::id)
        .startsWith(
            org.assertj.core.groups.Tuple.tuple("setHeader", "order-flow-kind"),
            org.assertj.core.groups.Tuple.tuple("choice", "order-flow-by-kind"),
            org.assertj.core.groups.Tuple.tuple("when", "order-flow-when-b2b"),
            org.assertj.core.groups.Tuple.tuple("bean", "order-flow-to-erp"),
            org.assertj.core.groups.Tuple.tuple("when", "order-flow-when-split"),
            org.assertj.core.groups.Tuple.tuple("split", "order-flow-split-legs"));
    assertThat(steps.get(2).at()).isEqualTo(new Location(FLOW, 20, 17)); // a when: its first line
    assertThat(steps).allSatisfy(step -> assertThat(step.routeId()).isEqualTo("order-flow"));
  }

  @Test
  void idsBeansAndPlaceholdersAreCollectedWithTheirLocations() {
    assertThat(model.ids())
        .extracting(Id::value)
        .startsWith("order-flow", "order-flow-from", "order-flow-kind", "order-flow-by-kind");
    assertThat(model.ids().get(0).at()).isEqualTo(new Location(FLOW, 4, 9));
    assertThat(model.beans())
        .extracting(Reference::name, Reference::owner)
        .contains(
            org.assertj.core.groups.Tuple.tuple("erpClient", "route 'order-flow': `bean` ref"),
            org.assertj.core.groups.Tuple.tuple("orderMapper", "route 'order-flow': `method` ref"));
    assertThat(model.placeholders())
        .isNotEmpty()
        .allSatisfy(p -> assertThat(p.at().file()).isEqualTo(FLOW));
  }

  @Test
  void aShorthandStepAndAMissingIdAreWhatTheFileSays() {
    Step to =
        model.steps().stream()
            .filter(s -> s.eip().equals("to") && s.routeId().equals("missing-step-ids"))
            .findFirst()
            .orElseThrow();

    assertThat(to.shorthand()).isTrue();
    assertThat(to.id()).isNull();
    assertThat(to.uri()).isEqualTo("log:missing-step-ids");
    assertThat(to.at()).isEqualTo(new Location(MISSING_IDS, 17, 19));
    assertThat(model.element("route", "missing-step-ids").orElseThrow().from().orElseThrow().id())
        .isNull();
  }

  @Test
  void aFileThatDoesNotParseHasNoElementsAndSaysWhere() {
    Path bad = Path.of("src/test/resources/conventions/broken/bad-indentation.camel.yaml");
    RouteFile file = RouteModel.read(List.of(bad), List.of()).files().get(0);

    assertThat(file.elements()).isEmpty();
    assertThat(file.yaml()).isEmpty();
    assertThat(file.unreadable().orElseThrow().at().line()).isEqualTo(7);
    assertThat(file.unreadable().orElseThrow().marked()).isTrue();
  }

  @Test
  void theModelCannotBeChangedByARule() {
    assertThatThrownBy(() -> model.files().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> model.steps().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> model.elements().get(0).steps().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> model.elements().get(0).body().entries().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
