package com.ordercloudhub.hub.ops;

import static com.ordercloudhub.hub.ops.OpsWebSlice.browserSession;
import static com.ordercloudhub.hub.ops.OpsWebSlice.csrfCookie;
import static com.ordercloudhub.hub.ops.OpsWebSlice.csrfHeader;
import static com.ordercloudhub.hub.ops.OpsWebSlice.ops;
import static com.ordercloudhub.hub.ops.OpsWebSlice.wrongPassword;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.ordercloudhub.hub.delivery.DeliveryAttempt;
import com.ordercloudhub.hub.delivery.DeliveryLedger;
import com.ordercloudhub.hub.delivery.DeliveryLedger.LegPage;
import com.ordercloudhub.hub.delivery.DeliveryLeg;
import com.ordercloudhub.hub.delivery.LegStatus;
import com.ordercloudhub.hub.delivery.Replays;
import com.ordercloudhub.hub.delivery.Replays.Outcome;
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
 * {@code /api/deliveries} as a route: only {@link DeliveriesController} and the real security, the
 * ledger and replays mocked. Filters reach the ledger parsed, every replay outcome has its status,
 * and a bad parameter, a bulk replay of delivered legs, a missing login or token replays nothing.
 */
@WebMvcTest(DeliveriesController.class)
@Import(OpsWebSlice.class)
@TestPropertySource(locations = "classpath:hub-test.properties")
class DeliveriesControllerWebTest {

  static final OffsetDateTime CREATED = OffsetDateTime.parse("2026-11-28T10:15:30Z");

  @Autowired MockMvc mvc;
  @Autowired ThrottledLogin logins;
  @MockitoBean DeliveryLedger ledger;
  @MockitoBean Replays replays;

  @BeforeEach
  void forgetFailedLogins() {
    logins.throttle().clear();
  }

  static DeliveryLeg leg(String id, String destination, LegStatus status) {
    return new DeliveryLeg(
        id,
        "evt-1",
        destination,
        status,
        8,
        null,
        "HTTP 500 from the ERP",
        "evt-1:" + destination,
        CREATED,
        CREATED.plusMinutes(30),
        null,
        "gave up after 8 attempts");
  }

  // --- the list ------------------------------------------------------------------------------

  @Test
  void theListAsksTheLedgerWithTheParsedFiltersAndShowsEachLegWithItsEventType() throws Exception {
    when(ledger.page(any(), any(), any(), anyInt(), anyInt()))
        .thenReturn(
            new LegPage(
                List.of(
                    new LegPage.Item(leg("leg-1", "erp", LegStatus.DEAD), "order.submitted"),
                    new LegPage.Item(leg("leg-2", "crm", LegStatus.DEAD), null)),
                true));

    mvc.perform(
            get("/api/deliveries")
                .param("status", "DEAD")
                .param("destination", " erp ")
                .param("since", "2026-11-28T00:00:00Z")
                .param("page", "2")
                .param("size", "10")
                .with(ops()))
        .andExpect(status().isOk())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.items.length()").value(2))
        .andExpect(jsonPath("$.items[0].id").value("leg-1"))
        .andExpect(jsonPath("$.items[0].eventId").value("evt-1"))
        .andExpect(jsonPath("$.items[0].eventType").value("order.submitted"))
        .andExpect(jsonPath("$.items[0].destination").value("erp"))
        .andExpect(jsonPath("$.items[0].status").value("dead"))
        .andExpect(jsonPath("$.items[0].attempts").value(8))
        .andExpect(jsonPath("$.items[0].lastError").value("HTTP 500 from the ERP"))
        .andExpect(jsonPath("$.items[0].idempotencyKey").value("evt-1:erp"))
        .andExpect(jsonPath("$.items[0].updatedAt").value("2026-11-28T10:45:30Z"))
        .andExpect(jsonPath("$.items[0].note").value("gave up after 8 attempts"))
        // an event the ledger could not name has no eventType at all, rather than a null
        .andExpect(jsonPath("$.items[1].eventType").doesNotExist())
        .andExpect(jsonPath("$.page").value(2))
        .andExpect(jsonPath("$.size").value(10))
        .andExpect(jsonPath("$.hasMore").value(true));

    verify(ledger).page(LegStatus.DEAD, "erp", OffsetDateTime.parse("2026-11-28T00:00:00Z"), 2, 10);
  }

  @Test
  void withoutParametersEveryStatusIsListedFiftyAtATime() throws Exception {
    when(ledger.page(any(), any(), any(), anyInt(), anyInt()))
        .thenReturn(new LegPage(List.of(), false));

    mvc.perform(get("/api/deliveries").with(ops()))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.items").isEmpty())
        .andExpect(jsonPath("$.size").value(50))
        .andExpect(jsonPath("$.hasMore").value(false));

    verify(ledger).page(null, null, null, 0, 50);
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource({
    "status, lost, status",
    "since, last-week, since",
    "size, 0, size",
    "size, 501, size",
    "page, -1, page"
  })
  void aBadParameterIsA400ProblemNamingItAndTheLedgerIsNotAsked(
      String name, String value, String named) throws Exception {
    mvc.perform(get("/api/deliveries").param(name, value).with(ops()))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.status").value(400))
        .andExpect(jsonPath("$.error").value("invalid_parameter"))
        .andExpect(jsonPath("$.message").value(containsString(named)));

    verifyNoInteractions(ledger);
  }

  // --- one leg -------------------------------------------------------------------------------

  @Test
  void aLegIsShownWithEveryAttemptMadeOnIt() throws Exception {
    when(ledger.find("leg-1")).thenReturn(Optional.of(leg("leg-1", "erp", LegStatus.DEAD)));
    when(ledger.attemptsOf("leg-1"))
        .thenReturn(
            List.of(
                new DeliveryAttempt(1, CREATED, 120, "failed", "HTTP 500 from the ERP", "hub-a"),
                new DeliveryAttempt(
                    2, CREATED.plusMinutes(1), 95, "failed", "HTTP 500 from the ERP", "hub-b")));

    mvc.perform(get("/api/deliveries/leg-1").with(ops()))
        .andExpect(status().isOk())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.id").value("leg-1"))
        .andExpect(jsonPath("$.destination").value("erp"))
        .andExpect(jsonPath("$.status").value("dead"))
        .andExpect(jsonPath("$.eventType").doesNotExist())
        .andExpect(jsonPath("$.attemptLog.length()").value(2))
        .andExpect(jsonPath("$.attemptLog[1].attempt").value(2))
        .andExpect(jsonPath("$.attemptLog[1].durationMs").value(95))
        .andExpect(jsonPath("$.attemptLog[1].instance").value("hub-b"))
        .andExpect(jsonPath("$.attemptLog[1].startedAt").value("2026-11-28T10:16:30Z"));
  }

  @Test
  void anUnknownLegIsA404Problem() throws Exception {
    when(ledger.find("no-such-leg")).thenReturn(Optional.empty());

    mvc.perform(get("/api/deliveries/no-such-leg").with(ops()))
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.error").value("not_found"))
        .andExpect(jsonPath("$.message").value("No delivery leg with id no-such-leg"));

    verify(ledger, never()).attemptsOf(anyString());
  }

  // --- replay one ----------------------------------------------------------------------------

  @ParameterizedTest(name = "{0}")
  @CsvSource({"REQUEUED, requeued", "ALREADY_QUEUED, already_queued"})
  void aRequeuedLegIsAccepted(Outcome outcome, String shown) throws Exception {
    when(replays.replayLeg("leg-1", false)).thenReturn(outcome);

    mvc.perform(post("/api/deliveries/leg-1/replay").with(ops()))
        .andExpect(status().isAccepted())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.legId").value("leg-1"))
        .andExpect(jsonPath("$.outcome").value(shown));

    verify(replays).replayLeg("leg-1", false);
  }

  @Test
  void aDeliveredLegIsA409UnlessForced() throws Exception {
    when(replays.replayLeg("leg-1", false)).thenReturn(Outcome.REFUSED_DELIVERED);
    when(replays.replayLeg("leg-1", true)).thenReturn(Outcome.REQUEUED);

    mvc.perform(post("/api/deliveries/leg-1/replay").with(ops()))
        .andExpect(status().isConflict())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.error").value("already_delivered"))
        .andExpect(jsonPath("$.message").value(containsString("force=true")));
    mvc.perform(post("/api/deliveries/leg-1/replay").param("force", "true").with(ops()))
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.outcome").value("requeued"));

    verify(replays).replayLeg("leg-1", false);
    verify(replays).replayLeg("leg-1", true);
  }

  @Test
  void replayingAnUnknownLegIsA404Problem() throws Exception {
    when(replays.replayLeg("gone", false)).thenReturn(Outcome.NOT_FOUND);

    mvc.perform(post("/api/deliveries/gone/replay").with(ops()))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.error").value("not_found"))
        .andExpect(jsonPath("$.message").value("No delivery leg with id gone"));
  }

  // --- release a held leg -------------------------------------------------------------------

  @Test
  void releasingAHeldLegIsAcceptedAnotherLegIsA409AndAnUnknownOneA404() throws Exception {
    when(replays.release("held-1")).thenReturn(Replays.Release.RELEASED);
    when(replays.release("leg-1")).thenReturn(Replays.Release.NOT_HELD);
    when(replays.release("gone")).thenReturn(Replays.Release.NOT_FOUND);

    mvc.perform(post("/api/deliveries/held-1/release").with(ops()))
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.legId").value("held-1"))
        .andExpect(jsonPath("$.outcome").value("released"));
    mvc.perform(post("/api/deliveries/leg-1/release").with(ops()))
        .andExpect(status().isConflict())
        .andExpect(jsonPath("$.error").value("not_held"));
    mvc.perform(post("/api/deliveries/gone/release").with(ops()))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.error").value("not_found"));
  }

  @Test
  void releasingNeedsTheOpsLoginAndFromABrowserItsCsrfToken() throws Exception {
    mvc.perform(post("/api/deliveries/held-1/release")).andExpect(status().isUnauthorized());
    mvc.perform(post("/api/deliveries/held-1/release").with(wrongPassword()))
        .andExpect(status().isUnauthorized());
    mvc.perform(post("/api/deliveries/held-1/release").with(browserSession()))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.error").value("csrf_token_required"));

    verify(replays, never()).release(anyString());
  }

  // --- replay many ---------------------------------------------------------------------------

  @Test
  void aBulkReplayTakesTheDeadLegsByDefault() throws Exception {
    when(replays.replayMatching(LegStatus.DEAD, null, null)).thenReturn(4);

    mvc.perform(post("/api/deliveries/replay").with(ops()))
        .andExpect(status().isAccepted())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.requeued").value(4));

    verify(replays).replayMatching(LegStatus.DEAD, null, null);
  }

  @Test
  void aBulkReplayPassesItsStatusDestinationAndSince() throws Exception {
    OffsetDateTime since = OffsetDateTime.parse("2026-11-28T06:00:00-05:00");
    when(replays.replayMatching(LegStatus.RETRYING, "crm", since)).thenReturn(2);

    mvc.perform(
            post("/api/deliveries/replay")
                .param("status", "retrying")
                .param("destination", "crm")
                .param("since", "2026-11-28T06:00:00-05:00")
                .with(ops()))
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.requeued").value(2));

    verify(replays).replayMatching(LegStatus.RETRYING, "crm", since);
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource({
    "status, delivered, status",
    "status, pending, status",
    "status, held, status",
    "status, lost, status",
    "since, tomorrow, since"
  })
  void aBulkReplayOfDeliveredLegsOrWithABadParameterIsA400AndReplaysNothing(
      String name, String value, String named) throws Exception {
    mvc.perform(post("/api/deliveries/replay").param(name, value).with(ops()))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.error").value("invalid_parameter"))
        .andExpect(jsonPath("$.message").value(containsString(named)));

    verifyNoInteractions(replays);
  }

  // --- who may -------------------------------------------------------------------------------

  @Test
  void withoutTheOpsLoginNothingIsShownOrReplayed() throws Exception {
    mvc.perform(get("/api/deliveries"))
        .andExpect(status().isUnauthorized())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.error").value("unauthorized"))
        .andExpect(header().doesNotExist("WWW-Authenticate"));
    mvc.perform(post("/api/deliveries/replay")).andExpect(status().isUnauthorized());
    mvc.perform(post("/api/deliveries/leg-1/replay").with(wrongPassword()))
        .andExpect(status().isUnauthorized());

    verifyNoInteractions(ledger, replays);
  }

  @Test
  void aBulkReplayFromABrowserSessionNeedsItsCsrfToken() throws Exception {
    mvc.perform(post("/api/deliveries/replay").with(browserSession()))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.error").value("csrf_token_required"));
    verify(replays, never()).replayMatching(any(), any(), any());

    when(replays.replayMatching(LegStatus.DEAD, null, null)).thenReturn(1);
    mvc.perform(
            post("/api/deliveries/replay").with(browserSession()).with(csrfHeader(csrfCookie(mvc))))
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.requeued").value(1));
  }

  @Test
  void aLegReplayFromAnotherSiteIsRefusedEvenWithTheRightPassword() throws Exception {
    mvc.perform(
            post("/api/deliveries/leg-1/replay")
                .with(ops())
                .header("Origin", "https://attacker.example"))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.error").value("cross_site_request"));
    mvc.perform(
            post("/api/deliveries/leg-1/replay").with(ops()).header("Sec-Fetch-Site", "cross-site"))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.error").value("cross_site_request"));

    verify(replays, never()).replayLeg(anyString(), anyBoolean());
  }
}
