package com.ordercloudhub.hub.destination.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.ordercloudhub.hub.check.CheckContext;
import com.ordercloudhub.hub.check.CheckedSettings;
import com.ordercloudhub.hub.check.Problem;
import com.ordercloudhub.hub.check.RouteModel;
import com.ordercloudhub.hub.check.RouteRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.FileSystemUtils;

/**
 * The email destination's route rule, over the route check's broken fixture: a message routed to
 * the email destination needs its three templates, and they compile.
 */
class EmailTemplateRuleTest {

  private static final Path BROKEN = Path.of("src/test/resources/conventions/broken");
  private static final String TEMPLATES = "src/test/resources/conventions/templates";

  private static List<String> check(Path file, String templatesDir) {
    CheckedSettings settings =
        new CheckedSettings() {
          @Override
          public Optional<String> value(String key) {
            return key.equals("hub.mail.templates-dir")
                ? Optional.of(templatesDir)
                : Optional.empty();
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
    return new EmailTemplateRule()
            .check(
                RouteModel.read(List.of(file), List.of()),
                new CheckContext(settings, name -> true, Set.of()))
            .stream()
            .map(Problem::toString)
            .toList();
  }

  @Test
  void aMissingTemplateAndOneThatDoesNotCompileAreReportedAtTheSend() {
    Path file = BROKEN.resolve("missing-template.camel.yaml");
    String at =
        file
            + ":10: route 'event-message-orderexploded': `to` sends to direct:email-deliver-event, ";

    List<String> problems = check(file, TEMPLATES);

    assertThat(problems).hasSize(2);
    assertThat(problems)
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith(
                        at
                            + "whose template "
                            + TEMPLATES
                            + "/orderexploded.html.hbs does not compile: "
                            + TEMPLATES
                            + "/orderexploded.html.hbs:4:1: found: '<EOF>', expected: '{{/'")
                    .endsWith(
                        " — correct the Handlebars at the line named (every {{#if}}/{{#each}}"
                            + " closed, partials in "
                            + TEMPLATES
                            + "/partials)"))
        .contains(
            at
                + "whose email needs the template "
                + TEMPLATES
                + "/orderexploded.text.hbs, which does not exist — add it (every email has"
                + " orderexploded.subject.hbs, .html.hbs and .text.hbs in "
                + TEMPLATES
                + ")");
  }

  @Test
  void theShippedTemplatesCoverTheShippedRoutes() {
    List<String> problems =
        check(Path.of("routes/events/message-ordersubmitted.camel.yaml"), "templates/email");

    assertThat(problems).isEmpty();
  }

  @Test
  void aMisnamedDropInGetsTheNearestTypeAndABrokenOneIsReportedAtItsLine(@TempDir Path folder)
      throws IOException {
    FileSystemUtils.copyRecursively(Path.of("templates/email"), folder);
    Files.writeString(folder.resolve("OrderReturnDecline.html"), "<p>{{ORDERRETURNID}}</p>");
    Files.writeString(
        folder.resolve("ProductCollecitonInvitationDeclined.html"),
        "<p>{{productcollectionname}}</p>");
    Files.writeString(
        folder.resolve("OrderSubmitted.html"),
        "<table>\n{{#each products}}\n<tr>{{--QUANTITY}}</tr>\n");
    Files.writeString(
        folder.resolve("ShipmentCreated.html"), "{{#each shipmentitems}}{{--COST}}{{/each}}");

    List<String> problems =
        check(Path.of("routes/events/message-ordersubmitted.camel.yaml"), folder.toString());

    assertThat(problems)
        .contains(
            folder.resolve("OrderReturnDecline.html")
                + ":1: OrderReturnDecline.html is not a message type; did you mean"
                + " OrderReturnDeclined? — a Mandrill template is used only when named"
                + " <MessageType>.html, e.g. OrderReturnDeclined.html; this file is ignored",
            folder.resolve("ProductCollecitonInvitationDeclined.html")
                + ":1: ProductCollecitonInvitationDeclined.html is not a message type; did you mean"
                + " ProductCollectionInvitationDeclined? — a Mandrill template is used only when"
                + " named <MessageType>.html, e.g. ProductCollectionInvitationDeclined.html; this"
                + " file is ignored")
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith(
                        folder.resolve("OrderSubmitted.html")
                            + ":4: OrderSubmitted.html does not compile: line 4: ")
                    .contains("{{/"))
        .hasSize(3); // the dashed ShipmentCreated.html compiles
  }

  @Test
  void aVariableTheTypeNeverHasIsNamedAtItsLineWithTheNearestOne(@TempDir Path folder)
      throws IOException {
    FileSystemUtils.copyRecursively(Path.of("templates/email"), folder);
    Files.writeString(
        folder.resolve("OrderSubmitted.html"),
        "<p>{{ORDERID}} {{EventBody.Order.ID}} {{orderxp_poNumber}}</p>\n"
            + "{{#each products}}\n<tr><td>{{--QUANTITY}}</td><td>{{PRODUCTDSC}}</td>"
            + "<td>{{../total}}</td></tr>{{/each}}\n{{#if TRACKINGNUMBER}}x{{/if}}");
    Files.writeString(
        folder.resolve("ShipmentCreated.html"),
        "{{TRACKINGURL}} {{#each shipmentitems}}{{--COST}} {{safehtml productname}}{{/each}}");

    List<String> problems =
        check(Path.of("routes/events/message-ordersubmitted.camel.yaml"), folder.toString());

    String fix =
        " — it would render empty in every e-mail; use a merge variable of OrderSubmitted"
            + " (README, \"Variables\")";
    assertThat(problems)
        .containsExactlyInAnyOrder(
            folder.resolve("OrderSubmitted.html")
                + ":3: OrderSubmitted.html uses PRODUCTDSC, which no OrderSubmitted message has;"
                + " did you mean productdesc?"
                + fix,
            // an order's e-mail has no shipment: a name of another type is no typo, but empty
            folder.resolve("OrderSubmitted.html")
                + ":4: OrderSubmitted.html uses TRACKINGNUMBER, which no OrderSubmitted message"
                + " has"
                + fix);
  }

  @Test
  void theCorpusUsesOnlyVariablesItsTypesHaveSaveThePortalsInvitationType() {
    // OrderCloud's portal invitation branches on invitationType, which no Message Sender payload
    // carries (MandrillCorpusTest adds it to its payload): the check says so, and nothing else
    assertThat(TemplateFiles.inspect(Path.of("src/test/resources/mandrill-corpus")))
        .map(TemplateFiles.Finding::toString)
        .containsExactly(
            "NewUserInvitation.html:19: NewUserInvitation.html uses invitationType, which no"
                + " NewUserInvitation message has");
  }

  @Test
  void routesThatSendNoEmailNeedNoTemplate() {
    assertThat(check(BROKEN.resolve("direct-mismatch.camel.yaml"), TEMPLATES)).isEmpty();
  }

  @Test
  void theRouteCheckFindsTheRuleThroughServiceLoader() {
    assertThat(ServiceLoader.load(RouteRule.class).stream().map(ServiceLoader.Provider::type))
        .contains(EmailTemplateRule.class);
  }
}
