package com.ordercloudhub.hub.ops;

import static com.ordercloudhub.hub.ops.OpsWebSlice.browserSession;
import static com.ordercloudhub.hub.ops.OpsWebSlice.csrfCookie;
import static com.ordercloudhub.hub.ops.OpsWebSlice.csrfHeader;
import static com.ordercloudhub.hub.ops.OpsWebSlice.ops;
import static com.ordercloudhub.hub.ops.OpsWebSlice.wrongPassword;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.ordercloudhub.hub.delivery.DeliveryAttempt;
import com.ordercloudhub.hub.delivery.DeliveryLedger;
import com.ordercloudhub.hub.delivery.DeliveryLeg;
import com.ordercloudhub.hub.delivery.LegStatus;
import com.ordercloudhub.hub.delivery.Replays;
import com.ordercloudhub.hub.event.EventKind;
import com.ordercloudhub.hub.event.EventPage;
import com.ordercloudhub.hub.event.EventQuery;
import com.ordercloudhub.hub.event.EventStore;
import com.ordercloudhub.hub.event.EventSummary;
import com.ordercloudhub.hub.event.StoredEvent;
import com.ordercloudhub.hub.prehook.PreHookRecorder;
import com.ordercloudhub.hub.prehook.PreHookRecorder.RecordedDecision;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * {@code /api/events} as a route: only {@link EventsController} (with the real {@link EventDetails}
 * that gathers an event's legs or decisions, and the real security), the store, ledger, decision
 * recorder and replays mocked. What the store returns is what the answer shows; what the query
 * string says is what the store is asked; a bad parameter, a missing login or a missing CSRF token
 * in a browser session reaches none of them.
 */
@WebMvcTest(EventsController.class)
@Import({OpsWebSlice.class, EventDetails.class})
@TestPropertySource(locations = "classpath:hub-test.properties")
class EventsControllerWebTest {

  static final OffsetDateTime RECEIVED = OffsetDateTime.parse("2026-11-28T10:15:30Z");

  @Autowired MockMvc mvc;
  @Autowired ThrottledLogin logins;
  @MockitoBean EventStore events;
  @MockitoBean DeliveryLedger ledger;
  @MockitoBean PreHookRecorder preHooks;
  @MockitoBean Replays replays;

  @BeforeEach
  void forgetFailedLogins() {
    logins.throttle().clear();
  }

  static EventSummary summary(String id, EventKind kind, String eventType) {
    return summary(id, kind, eventType, "webhook");
  }

  static EventSummary summary(String id, EventKind kind, String eventType, String origin) {
    return OpsWebSlice.summary(id, kind, eventType, origin, RECEIVED, 1);
  }

  // --- the list ------------------------------------------------------------------------------

  @Test
  void theListAsksTheStoreWithTheParsedFiltersAndShowsWhatItFound() throws Exception {
    when(events.list(any()))
        .thenReturn(
            new EventPage(
                List.of(
                    summary("evt-2", EventKind.POST, "order.submitted"),
                    summary("evt-3", EventKind.POST, "order.canceled", "reconciled")),
                true));

    mvc.perform(
            get("/api/events")
                .param("type", " order.* ")
                .param("kind", "POST")
                .param("since", "2026-11-28T00:00:00Z")
                .param("until", "2026-11-29T00:00:00+01:00")
                .param("status", "Dead")
                .param("destination", "crm")
                .param("page", "1")
                .param("size", "2")
                .with(ops()))
        .andExpect(status().isOk())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.items.length()").value(2))
        .andExpect(jsonPath("$.items[0].id").value("evt-2"))
        .andExpect(jsonPath("$.items[0].kind").value("post"))
        .andExpect(jsonPath("$.items[0].eventType").value("order.submitted"))
        .andExpect(jsonPath("$.items[0].logId").value("log-evt-2"))
        .andExpect(jsonPath("$.items[0].duplicates").value(1))
        .andExpect(jsonPath("$.items[0].receivedAt").value("2026-11-28T10:15:30Z"))
        .andExpect(jsonPath("$.items[0].origin").value("webhook"))
        .andExpect(jsonPath("$.items[1].origin").value("reconciled"))
        .andExpect(jsonPath("$.page").value(1))
        .andExpect(jsonPath("$.size").value(2))
        .andExpect(jsonPath("$.hasMore").value(true));

    verify(events)
        .list(
            new EventQuery(
                "order.*",
                EventKind.POST,
                OffsetDateTime.parse("2026-11-28T00:00:00Z"),
                OffsetDateTime.parse("2026-11-29T00:00:00+01:00"),
                LegStatus.DEAD.code(),
                "crm",
                1,
                2));
  }

  @Test
  void aDatabaseThatDoesNotAnswerInTimeIs503WithRetryAfterNot500() throws Exception {
    when(events.list(any()))
        .thenThrow(
            new org.springframework.jdbc.CannotGetJdbcConnectionException(
                "Failed to obtain JDBC Connection",
                new java.sql.SQLTransientConnectionException(
                    "HikariPool-1 - Connection is not available, request timed out after 3000ms")));

    mvc.perform(get("/api/events").param("status", "dead").with(ops()))
        .andExpect(status().isServiceUnavailable())
        .andExpect(header().string("Retry-After", "5"))
        .andExpect(jsonPath("$.error").value("store_unavailable"));
  }

  @Test
  void withoutParametersTheFirstPageOfFiftyIsAskedFor() throws Exception {
    when(events.list(any())).thenReturn(new EventPage(List.of(), false));

    mvc.perform(get("/api/events").with(ops()))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.items").isEmpty())
        .andExpect(jsonPath("$.page").value(0))
        .andExpect(jsonPath("$.size").value(50))
        .andExpect(jsonPath("$.hasMore").value(false));

    verify(events).list(new EventQuery(null, null, null, null, null, null, 0, 50));
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource({
    "kind, sideways, kind",
    "since, yesterday, since",
    "until, 2026-11-28, until",
    "status, lost, status",
    "size, 0, size",
    "size, 501, size",
    "page, -1, page"
  })
  void aBadParameterIsA400ProblemNamingItAndTheStoreIsNotAsked(
      String name, String value, String named) throws Exception {
    mvc.perform(get("/api/events").param(name, value).with(ops()))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.status").value(400))
        .andExpect(jsonPath("$.error").value("invalid_parameter"))
        .andExpect(jsonPath("$.message").value(containsString(named)));

    verifyNoInteractions(events);
  }

  @Test
  void aPageThatIsNoNumberIsRefusedBeforeTheStore() throws Exception {
    // Spring's own type check: the hub's error page (ProblemErrorController, not in this slice)
    // writes the problem body for it
    mvc.perform(get("/api/events").param("page", "two").with(ops()))
        .andExpect(status().isBadRequest());

    verifyNoInteractions(events);
  }

  // --- one event -----------------------------------------------------------------------------

  @Test
  void anEventShowsItsPayloadAsStoredWithItsLegsAndEveryAttempt() throws Exception {
    // the store holds payloads redacted (PayloadRedactor, on the way in): the API shows exactly
    // that, numbers exact, and never asks the store for the sealed secrets
    String stored =
        "{\"UserToken\":\"[not stored]\",\"Request\":{\"Body\":{\"Password\":\"[redacted]\"}},"
            + "\"Response\":{\"Body\":{\"ID\":\"SO-1\",\"Total\":1234567890123.4567}}}";
    when(events.find("evt-1"))
        .thenReturn(
            Optional.of(
                new StoredEvent(
                    summary("evt-1", EventKind.POST, "order.submitted"), stored, true)));
    DeliveryLeg crm =
        new DeliveryLeg(
            "leg-1",
            "evt-1",
            "crm",
            LegStatus.RETRYING,
            1,
            RECEIVED.plusMinutes(1),
            "HTTP 503 from Salesforce",
            "evt-1:crm",
            RECEIVED,
            RECEIVED.plusSeconds(3),
            null,
            null);
    when(ledger.legsOf("evt-1")).thenReturn(List.of(crm));
    when(ledger.attemptsOf("leg-1"))
        .thenReturn(
            List.of(
                new DeliveryAttempt(
                    1,
                    RECEIVED.plusSeconds(1),
                    240,
                    "failed",
                    "HTTP 503 from Salesforce",
                    "hub-a")));

    mvc.perform(get("/api/events/evt-1").with(ops()))
        .andExpect(status().isOk())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.id").value("evt-1"))
        .andExpect(jsonPath("$.kind").value("post"))
        .andExpect(jsonPath("$.eventType").value("order.submitted"))
        .andExpect(jsonPath("$.payload.Response.Body.ID").value("SO-1"))
        .andExpect(jsonPath("$.payload.UserToken").value("[not stored]"))
        .andExpect(jsonPath("$.payload.Request.Body.Password").value("[redacted]"))
        .andExpect(content().string(containsString("\"Total\":1234567890123.4567")))
        .andExpect(jsonPath("$.sealedSecrets").value(true))
        .andExpect(jsonPath("$.legs.length()").value(1))
        .andExpect(jsonPath("$.legs[0].id").value("leg-1"))
        .andExpect(jsonPath("$.legs[0].destination").value("crm"))
        .andExpect(jsonPath("$.legs[0].status").value("retrying"))
        .andExpect(jsonPath("$.legs[0].lastError").value("HTTP 503 from Salesforce"))
        .andExpect(jsonPath("$.legs[0].attemptLog[0].attempt").value(1))
        .andExpect(jsonPath("$.legs[0].attemptLog[0].outcome").value("failed"))
        .andExpect(jsonPath("$.legs[0].attemptLog[0].instance").value("hub-a"))
        .andExpect(jsonPath("$.decisions").doesNotExist());

    verify(events, never()).secretsOf(anyString());
    verifyNoInteractions(preHooks);
  }

  @Test
  void aPreHookShowsItsDecisionsAndHasNoLegs() throws Exception {
    when(events.find("evt-pre"))
        .thenReturn(
            Optional.of(
                new StoredEvent(
                    summary("evt-pre", EventKind.PRE, "order.submitting"),
                    "{\"Route\":\"v1/orders/{direction}/{orderID}/submit\"}",
                    false)));
    when(preHooks.decisionsFor("evt-pre"))
        .thenReturn(
            List.of(
                new RecordedDecision(
                    false,
                    "{\"proceed\":false,\"body\":{\"message\":\"Total over 1000\"}}",
                    "[{\"name\":\"order-rules\",\"outcome\":\"failed\"}]",
                    37,
                    RECEIVED.plusSeconds(1))));

    mvc.perform(get("/api/events/evt-pre").with(ops()))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.kind").value("pre"))
        .andExpect(jsonPath("$.payload.Route").value("v1/orders/{direction}/{orderID}/submit"))
        .andExpect(jsonPath("$.decisions.length()").value(1))
        .andExpect(jsonPath("$.decisions[0].proceed").value(false))
        .andExpect(jsonPath("$.decisions[0].answer.body.message").value("Total over 1000"))
        .andExpect(jsonPath("$.decisions[0].checks[0].name").value("order-rules"))
        .andExpect(jsonPath("$.decisions[0].checks[0].outcome").value("failed"))
        .andExpect(jsonPath("$.decisions[0].durationMs").value(37))
        .andExpect(jsonPath("$.decisions[0].decidedAt").value("2026-11-28T10:15:31Z"))
        .andExpect(jsonPath("$.legs").doesNotExist());

    verify(ledger, never()).legsOf(anyString());
  }

  @Test
  void anUnknownEventIsA404Problem() throws Exception {
    when(events.find("no-such-event")).thenReturn(Optional.empty());

    mvc.perform(get("/api/events/no-such-event").with(ops()))
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.status").value(404))
        .andExpect(jsonPath("$.error").value("not_found"))
        .andExpect(jsonPath("$.message").value("No event with id no-such-event"));

    verifyNoInteractions(ledger, preHooks);
  }

  // --- replay --------------------------------------------------------------------------------

  @Test
  void aReplayWithBasicNeedsNoTokenAndSaysHowManyLegsWereRequeued() throws Exception {
    when(replays.replayEvent("evt-1", true)).thenReturn(3);

    mvc.perform(post("/api/events/evt-1/replay").param("force", "true").with(ops()))
        .andExpect(status().isAccepted())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.eventId").value("evt-1"))
        .andExpect(jsonPath("$.requeued").value(3));

    verify(replays).replayEvent("evt-1", true);
  }

  @Test
  void aReplayIsNotForcedUnlessAskedAndAnUnknownEventIsA404() throws Exception {
    when(replays.replayEvent("gone", false)).thenReturn(-1);

    mvc.perform(post("/api/events/gone/replay").with(ops()))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.error").value("not_found"))
        .andExpect(jsonPath("$.message").value(containsString("gone")));

    verify(replays).replayEvent("gone", false);
  }

  @Test
  void aForceThatIsNoBooleanIsRefusedBeforeAnythingIsReplayed() throws Exception {
    mvc.perform(post("/api/events/evt-1/replay").param("force", "maybe").with(ops()))
        .andExpect(status().isBadRequest());

    verifyNoInteractions(replays);
  }

  // --- who may -------------------------------------------------------------------------------

  @Test
  void withoutLoginTheAnswerIsThe401ProblemWithoutABasicChallenge() throws Exception {
    mvc.perform(get("/api/events"))
        .andExpect(status().isUnauthorized())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.error").value("unauthorized"))
        .andExpect(header().doesNotExist("WWW-Authenticate"));
    mvc.perform(get("/api/events/evt-1")).andExpect(status().isUnauthorized());
    // no session, no token: the caller is told to log in, not about a token it cannot have
    mvc.perform(post("/api/events/evt-1/replay"))
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.error").value("unauthorized"));

    verifyNoInteractions(events, replays);
  }

  @Test
  void aWrongPasswordIs401AndAnotherRoleIs403() throws Exception {
    mvc.perform(get("/api/events").with(wrongPassword()))
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.error").value("unauthorized"));
    mvc.perform(get("/api/events").with(user("viewer").roles("VIEWER")))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.error").value("forbidden"));

    verifyNoInteractions(events);
  }

  @Test
  void aReplayFromABrowserSessionNeedsItsCsrfToken() throws Exception {
    mvc.perform(post("/api/events/evt-1/replay").with(browserSession()))
        .andExpect(status().isForbidden())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.error").value("csrf_token_required"));
    verify(replays, never()).replayEvent(anyString(), anyBoolean());

    when(replays.replayEvent("evt-1", false)).thenReturn(1);
    mvc.perform(
            post("/api/events/evt-1/replay")
                .with(browserSession())
                .with(csrfHeader(csrfCookie(mvc))))
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.requeued").value(1));
  }

  @Test
  void aReplayFromAnotherSiteOrAsABasicFormPostIsRefusedBeforeTheLogin() throws Exception {
    mvc.perform(
            post("/api/events/evt-1/replay")
                .with(ops())
                .header("Origin", "https://attacker.example"))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.error").value("cross_site_request"));
    mvc.perform(
            post("/api/events/evt-1/replay")
                .with(ops())
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .content("force=true"))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.error").value("cross_site_request"));

    verifyNoInteractions(replays);
  }
}
