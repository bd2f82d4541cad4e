package com.ordercloudhub.hub.ops;

import static com.ordercloudhub.hub.ops.OpsWebSlice.browserSession;
import static com.ordercloudhub.hub.ops.OpsWebSlice.csrfCookie;
import static com.ordercloudhub.hub.ops.OpsWebSlice.csrfHeader;
import static com.ordercloudhub.hub.ops.OpsWebSlice.ops;
import static com.ordercloudhub.hub.ops.OpsWebSlice.wrongPassword;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ordercloudhub.hub.dryrun.Simulation;
import com.ordercloudhub.hub.dryrun.Simulator;
import com.ordercloudhub.hub.event.BusinessKeyProperties;
import com.ordercloudhub.hub.event.CatalogueProperties;
import com.ordercloudhub.hub.event.EventCatalogue;
import com.ordercloudhub.hub.event.EventKind;
import com.ordercloudhub.hub.event.ReceivedEvent;
import com.ordercloudhub.hub.inbound.InboundProperties;
import com.ordercloudhub.hub.inbound.OcEnvelope;
import com.ordercloudhub.hub.prehook.PreHookDecision;
import com.ordercloudhub.hub.support.Fixtures;
import com.ordercloudhub.hub.support.Payloads;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * {@code POST /api/simulate} and {@code POST /api/events/{id}/simulate} as routes: only {@link
 * SimulateController}, the real security, and the real envelope parser and catalogue (so a payload
 * is refused with the webhook endpoints' own 400s and classified as they classify it); the
 * simulator is mocked. What the simulator is given is the parsed, classified call; what it returns
 * is the answer; a refused payload, parameter or login never reaches it.
 */
@WebMvcTest(SimulateController.class)
@Import(OpsWebSlice.class)
@TestPropertySource(locations = "classpath:hub-test.properties")
class SimulateControllerWebTest {

  /** What the controller uses from the inbound side, real: parsing and classifying. */
  @TestConfiguration(proxyBeanMethods = false)
  @Import({OcEnvelope.class, EventCatalogue.class})
  @EnableConfigurationProperties({
    InboundProperties.class,
    CatalogueProperties.class,
    BusinessKeyProperties.class
  })
  static class Inbound {}

  @Autowired MockMvc mvc;
  @Autowired ThrottledLogin logins;
  @Autowired InboundProperties inbound;
  @MockitoBean Simulator simulator;

  @BeforeEach
  void forgetFailedLogins() {
    logins.throttle().clear();
  }

  static Simulation delivered(String kind, String eventType, String destination) {
    return new Simulation(
        true,
        "sim-1",
        false,
        kind,
        eventType,
        "event-" + eventType.replace('.', '-'),
        null,
        List.of(
            new Simulation.Leg(
                destination,
                "delivered",
                "sim-1:" + destination,
                null,
                List.of("dry run"),
                List.of(Map.of("system", "http", "method", "POST")))));
  }

  private ReceivedEvent simulated() {
    ArgumentCaptor<ReceivedEvent> call = ArgumentCaptor.forClass(ReceivedEvent.class);
    verify(simulator).simulate(call.capture());
    return call.getValue();
  }

  // --- a payload -----------------------------------------------------------------------------

  @Test
  void aPostHookIsParsedClassifiedAndAnsweredWithTheSimulation() throws Exception {
    when(simulator.simulate(any())).thenReturn(delivered("post", "order.submitted", "database"));
    byte[] body = Payloads.fresh(Fixtures.POST_ORDER_SUBMIT, "log-sim-1");

    mvc.perform(
            post("/api/simulate").contentType(MediaType.APPLICATION_JSON).content(body).with(ops()))
        .andExpect(status().isOk())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.dryRun").value(true))
        .andExpect(jsonPath("$.stored").value(false))
        .andExpect(jsonPath("$.eventId").value("sim-1"))
        .andExpect(jsonPath("$.kind").value("post"))
        .andExpect(jsonPath("$.routing").value("event-order-submitted"))
        .andExpect(jsonPath("$.destinations[0].destination").value("database"))
        .andExpect(jsonPath("$.destinations[0].idempotencyKey").value("sim-1:database"))
        .andExpect(jsonPath("$.destinations[0].requests[0].method").value("POST"));

    ReceivedEvent call = simulated();
    assertThat(call.kind()).isEqualTo(EventKind.POST);
    assertThat(call.eventType()).isEqualTo("order.submitted");
    assertThat(call.route()).isEqualTo("v1/orders/{direction}/{orderID}/submit");
    assertThat(call.logId()).isEqualTo("log-sim-1");
    assertThat(call.bodyBytes()).isEqualTo(body.length);
  }

  @Test
  void withoutAKindABodyWithAMessageTypeAndNoRouteIsAMessageSenderCall() throws Exception {
    when(simulator.simulate(any()))
        .thenReturn(delivered("message", "message.ordersubmitted", "email"));

    mvc.perform(
            post("/api/simulate")
                .contentType(MediaType.APPLICATION_JSON)
                .content(Payloads.fresh(Fixtures.MESSAGE_ORDER_SUBMITTED))
                .with(ops()))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.eventType").value("message.ordersubmitted"))
        .andExpect(jsonPath("$.destinations[0].destination").value("email"));

    ReceivedEvent call = simulated();
    assertThat(call.kind()).isEqualTo(EventKind.MESSAGE);
    assertThat(call.messageType()).isEqualTo("OrderSubmitted");
    assertThat(call.eventType()).isEqualTo("message.ordersubmitted");
  }

  @Test
  void kindPreParsesAPreHookAndItsDecisionIsShown() throws Exception {
    ObjectNode answer = JsonNodeFactory.instance.objectNode().put("proceed", true);
    when(simulator.simulate(any()))
        .thenReturn(
            new Simulation(
                true,
                "sim-2",
                false,
                "pre",
                "address.saved",
                "prehook-address-saved",
                new Simulation.PreHook(
                    true,
                    answer,
                    List.of(
                        new PreHookDecision.Check(
                            "address-external", "unchecked", "a dry run does not call it")),
                    false,
                    List.of(Map.of("system", "http", "method", "POST"))),
                List.of()));

    mvc.perform(
            post("/api/simulate")
                .param("kind", "PRE")
                .contentType(MediaType.APPLICATION_JSON)
                .content(Payloads.fresh(Fixtures.PRE_ADDRESS_SAVE))
                .with(ops()))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.kind").value("pre"))
        .andExpect(jsonPath("$.destinations").isEmpty())
        .andExpect(jsonPath("$.preHook.proceed").value(true))
        .andExpect(jsonPath("$.preHook.answer.proceed").value(true))
        .andExpect(jsonPath("$.preHook.complete").value(false))
        .andExpect(jsonPath("$.preHook.requests[0].method").value("POST"))
        .andExpect(jsonPath("$.preHook.checks[0].name").value("address-external"))
        .andExpect(jsonPath("$.preHook.checks[0].outcome").value("unchecked"));

    ReceivedEvent call = simulated();
    assertThat(call.kind()).isEqualTo(EventKind.PRE);
    assertThat(call.verb()).isEqualTo("PUT");
    assertThat(call.eventType()).isEqualTo("address.saved");
  }

  // --- refused payloads ----------------------------------------------------------------------

  @Test
  void aBodyThatIsNoJsonIsTheWebhooksMalformedJson400() throws Exception {
    mvc.perform(
            post("/api/simulate")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"Route\": ")
                .with(ops()))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.status").value(400))
        .andExpect(jsonPath("$.error").value("malformed_json"));

    verifyNoInteractions(simulator);
  }

  @Test
  void aPostHookWithoutRouteIsAnInvalidEnvelopeNamingTheField() throws Exception {
    ObjectNode noRoute = Payloads.node(Fixtures.POST_ORDER_SUBMIT);
    noRoute.remove("Route");

    mvc.perform(
            post("/api/simulate")
                .param("kind", "post")
                .contentType(MediaType.APPLICATION_JSON)
                .content(Payloads.bytes(noRoute))
                .with(ops()))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.error").value("invalid_envelope"))
        .andExpect(jsonPath("$.field").value("Route"));

    verifyNoInteractions(simulator);
  }

  @Test
  void anUnknownKindIsA400NamingTheParameter() throws Exception {
    mvc.perform(
            post("/api/simulate")
                .param("kind", "sideways")
                .contentType(MediaType.APPLICATION_JSON)
                .content(Payloads.fresh(Fixtures.POST_ORDER_SUBMIT))
                .with(ops()))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.error").value("invalid_parameter"))
        .andExpect(jsonPath("$.message").value(containsString("kind")));

    verifyNoInteractions(simulator);
  }

  @Test
  void aBodyOverTheInboundLimitIs413() throws Exception {
    byte[] tooLarge = new byte[(int) inbound.maxBodySize().toBytes() + 1];
    java.util.Arrays.fill(tooLarge, (byte) ' ');

    mvc.perform(
            post("/api/simulate")
                .contentType(MediaType.APPLICATION_JSON)
                .content(tooLarge)
                .with(ops()))
        .andExpect(status().isPayloadTooLarge())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.error").value("body_too_large"))
        .andExpect(jsonPath("$.message").value(containsString("hub.inbound.max-body-size")));

    verifyNoInteractions(simulator);
  }

  // --- a stored event ------------------------------------------------------------------------

  @Test
  void aStoredEventIsSimulatedById() throws Exception {
    when(simulator.simulateStored("evt-1"))
        .thenReturn(Optional.of(delivered("post", "order.submitted", "erp")));

    mvc.perform(post("/api/events/evt-1/simulate").with(ops()))
        .andExpect(status().isOk())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.eventType").value("order.submitted"))
        .andExpect(jsonPath("$.destinations[0].destination").value("erp"));

    verify(simulator).simulateStored("evt-1");
  }

  @Test
  void anUnknownStoredEventIsA404Problem() throws Exception {
    when(simulator.simulateStored("no-such-event")).thenReturn(Optional.empty());

    mvc.perform(post("/api/events/no-such-event/simulate").with(ops()))
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.error").value("not_found"))
        .andExpect(jsonPath("$.message").value("No event with id no-such-event"));
  }

  // --- who may -------------------------------------------------------------------------------

  @Test
  void withoutTheOpsLoginNothingIsSimulated() throws Exception {
    byte[] body = Payloads.fresh(Fixtures.POST_ORDER_SUBMIT);

    mvc.perform(post("/api/simulate").contentType(MediaType.APPLICATION_JSON).content(body))
        .andExpect(status().isUnauthorized())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.error").value("unauthorized"));
    mvc.perform(
            post("/api/simulate")
                .contentType(MediaType.APPLICATION_JSON)
                .content(body)
                .with(wrongPassword()))
        .andExpect(status().isUnauthorized());
    mvc.perform(post("/api/events/any/simulate")).andExpect(status().isUnauthorized());

    verifyNoInteractions(simulator);
  }

  @Test
  void aSimulationFromABrowserSessionNeedsItsCsrfToken() throws Exception {
    mvc.perform(post("/api/events/evt-1/simulate").with(browserSession()))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.error").value("csrf_token_required"));
    verify(simulator, never()).simulateStored(anyString());

    when(simulator.simulateStored("evt-1"))
        .thenReturn(Optional.of(delivered("post", "order.submitted", "erp")));
    mvc.perform(
            post("/api/events/evt-1/simulate")
                .with(browserSession())
                .with(csrfHeader(csrfCookie(mvc))))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.eventId").value("sim-1"));
  }

  @Test
  void aPayloadPostedAsAFormWithBasicIsRefusedAsCrossSite() throws Exception {
    // a plain HTML form on another site can send text/plain with the browser's cached Basic
    mvc.perform(
            post("/api/simulate")
                .contentType(MediaType.TEXT_PLAIN)
                .content(Payloads.fresh(Fixtures.POST_ORDER_SUBMIT))
                .with(ops()))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.error").value("cross_site_request"));

    verifyNoInteractions(simulator);
  }
}
