package com.ordercloudhub.hub.ops;

import static com.ordercloudhub.hub.ops.OpsWebSlice.browserSession;
import static com.ordercloudhub.hub.ops.OpsWebSlice.csrfCookie;
import static com.ordercloudhub.hub.ops.OpsWebSlice.csrfField;
import static com.ordercloudhub.hub.ops.OpsWebSlice.ops;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.ordercloudhub.hub.delivery.DeliveryAttempt;
import com.ordercloudhub.hub.delivery.DeliveryLedger;
import com.ordercloudhub.hub.delivery.DeliveryLeg;
import com.ordercloudhub.hub.delivery.LegStatus;
import com.ordercloudhub.hub.delivery.Replays;
import com.ordercloudhub.hub.delivery.Replays.Outcome;
import com.ordercloudhub.hub.event.EventKind;
import com.ordercloudhub.hub.event.EventPage;
import com.ordercloudhub.hub.event.EventQuery;
import com.ordercloudhub.hub.event.EventSearch;
import com.ordercloudhub.hub.event.EventStore;
import com.ordercloudhub.hub.event.EventSummary;
import com.ordercloudhub.hub.event.StoredEvent;
import com.ordercloudhub.hub.prehook.PreHookRecorder;
import com.ordercloudhub.hub.prehook.PreHookRecorder.RecordedDecision;
import jakarta.servlet.http.Cookie;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The server-rendered ops pages ({@code /ops/**}) as routes: only {@link OpsPages} (with the real
 * {@link EventDetails} and templates) and the real security, the store, ledger, decision recorder
 * and replays mocked. A page shows what the store holds, escaped; every replay is a form POST that
 * needs the session's CSRF token and redirects with a notice; a browser without login is sent to
 * the form, anything else gets the 401 problem.
 */
@WebMvcTest(OpsPages.class)
@Import({OpsWebSlice.class, EventDetails.class})
@TestPropertySource(locations = "classpath:hub-test.properties")
class OpsPagesWebTest {

  static final OffsetDateTime RECEIVED = OffsetDateTime.parse("2026-11-28T10:15:30Z");

  @Autowired MockMvc mvc;
  @Autowired ThrottledLogin logins;
  @MockitoBean EventStore events;
  @MockitoBean EventSearch search;
  @MockitoBean DeliveryLedger ledger;
  @MockitoBean PreHookRecorder preHooks;
  @MockitoBean Replays replays;

  /** The browser's CSRF cookie, as the login form issued it. */
  Cookie token;

  @BeforeEach
  void forgetFailedLoginsAndGetAToken() throws Exception {
    logins.throttle().clear();
    token = csrfCookie(mvc);
  }

  static EventSummary summary(String id, EventKind kind, String eventType) {
    return summary(id, kind, eventType, "webhook");
  }

  static EventSummary summary(String id, EventKind kind, String eventType, String origin) {
    return OpsWebSlice.summary(id, kind, eventType, origin, RECEIVED, 0);
  }

  static DeliveryLeg leg(String id, String destination, LegStatus status, String lastError) {
    return new DeliveryLeg(
        id,
        "evt-1",
        destination,
        status,
        3,
        null,
        lastError,
        "evt-1:" + destination,
        RECEIVED,
        RECEIVED.plusMinutes(5),
        null,
        null);
  }

  // --- the events page -----------------------------------------------------------------------

  @Test
  void theEventsPageListsWhatTheStoreFoundForTheFiltersWithEachEventsLegs() throws Exception {
    when(events.list(any()))
        .thenReturn(
            new EventPage(List.of(summary("evt-1", EventKind.POST, "order.submitted")), true));
    when(ledger.legsOf(List.of("evt-1")))
        .thenReturn(List.of(leg("leg-1", "crm", LegStatus.DEAD, "HTTP 400 from Salesforce")));

    mvc.perform(
            get("/ops/events")
                .param("type", "order.*")
                .param("kind", "post")
                .param("status", "dead")
                .param("destination", "crm")
                .param("page", "1")
                .accept(MediaType.TEXT_HTML)
                .with(ops()))
        .andExpect(status().isOk())
        .andExpect(content().contentType("text/html;charset=UTF-8"))
        .andExpect(content().string(containsString("<a href=\"/ops/events/evt-1\">evt-1</a>")))
        .andExpect(content().string(containsString("order.submitted")))
        .andExpect(content().string(containsString("crm: dead")))
        .andExpect(content().string(containsString("title=\"HTTP 400 from Salesforce\"")))
        .andExpect(content().string(containsString("Page 2")))
        .andExpect(content().string(containsString("rel=\"prev\"")))
        .andExpect(content().string(containsString("rel=\"next\"")))
        .andExpect(content().string(containsString("Replay all dead legs of crm")));

    verify(events)
        .list(new EventQuery("order.*", EventKind.POST, null, null, "dead", "crm", 1, 50));
  }

  @Test
  void reconciledEventsCarryABadgeAndWebhooksSayWebhook() throws Exception {
    when(events.list(any()))
        .thenReturn(
            new EventPage(
                List.of(
                    summary("evt-1", EventKind.POST, "order.submitted"),
                    summary("evt-2", EventKind.POST, "order.canceled", "reconciled")),
                false));
    when(events.find("evt-2"))
        .thenReturn(
            Optional.of(
                new StoredEvent(
                    summary("evt-2", EventKind.POST, "order.canceled", "reconciled"),
                    "{}",
                    false)));

    MvcResult list = mvc.perform(get("/ops/events").with(ops())).andReturn();
    String html = list.getResponse().getContentAsString();
    assertThat(html.split("<span class=\"badge reconciled\"", -1)).hasSize(2);
    assertThat(html).contains("<td class=\"origin\">webhook</td>");

    mvc.perform(get("/ops/events/evt-2").with(ops()))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("id=\"origin-reconciled\"")))
        .andExpect(content().string(containsString("recovered from the OrderCloud API")));
    when(events.find("evt-1"))
        .thenReturn(
            Optional.of(
                new StoredEvent(summary("evt-1", EventKind.POST, "order.submitted"), "{}", false)));
    mvc.perform(get("/ops/events/evt-1").with(ops()))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("<td>webhook</td>")))
        .andExpect(content().string(not(containsString("badge reconciled"))));
  }

  @Test
  void aBadFilterIsShownAsANoticeAndTheStoreIsNotAsked() throws Exception {
    mvc.perform(get("/ops/events").param("since", "yesterday").with(ops()))
        .andExpect(status().isOk())
        .andExpect(content().contentType("text/html;charset=UTF-8"))
        .andExpect(
            content()
                .string(
                    containsString(
                        "<div class=\"notice\" role=\"status\">since must be an ISO-8601 time")))
        .andExpect(content().string(containsString("No events match.")));

    verifyNoInteractions(events);
  }

  @Test
  void whatTheStoreHoldsIsEscapedNotRunAsMarkup() throws Exception {
    when(events.list(any()))
        .thenReturn(
            new EventPage(
                List.of(summary("evt-1", EventKind.POST, "<script>alert(1)</script>")), false));

    mvc.perform(get("/ops/events").with(ops()))
        .andExpect(status().isOk())
        .andExpect(content().string(not(containsString("<script>alert(1)"))))
        .andExpect(content().string(containsString("&lt;script&gt;alert(1)&lt;/script&gt;")));
  }

  // --- an event's page -----------------------------------------------------------------------

  @Test
  void anEventsPageShowsItsLegsAttemptsAndPayloadWithTheSessionsCsrfTokenInEachForm()
      throws Exception {
    when(events.find("evt-1"))
        .thenReturn(
            Optional.of(
                new StoredEvent(
                    summary("evt-1", EventKind.POST, "order.submitted"),
                    "{\"UserToken\":\"[not stored]\",\"Response\":{\"Body\":{\"ID\":\"SO-1\"}}}",
                    false)));
    when(ledger.legsOf("evt-1"))
        .thenReturn(List.of(leg("leg-1", "erp", LegStatus.DEAD, "HTTP 500 from the ERP")));
    when(ledger.attemptsOf("leg-1"))
        .thenReturn(
            List.of(
                new DeliveryAttempt(
                    3, RECEIVED.plusMinutes(5), 88, "failed", "HTTP 500 from the ERP", "hub-a")));

    MvcResult page =
        mvc.perform(get("/ops/events/evt-1").accept(MediaType.TEXT_HTML).with(browserSession()))
            .andExpect(status().isOk())
            .andExpect(content().contentType("text/html;charset=UTF-8"))
            .andExpect(content().string(containsString("data-destination=\"erp\"")))
            .andExpect(content().string(containsString("data-status=\"dead\"")))
            .andExpect(
                content().string(containsString("<td class=\"error\">HTTP 500 from the ERP")))
            .andExpect(content().string(containsString("<td class=\"muted\">hub-a</td>")))
            .andExpect(content().string(containsString("action=\"/ops/legs/leg-1/replay\"")))
            .andExpect(content().string(containsString("id=\"replay-event\"")))
            .andExpect(content().string(containsString("&quot;ID&quot; : &quot;SO-1&quot;")))
            .andExpect(content().string(containsString("[not stored]")))
            .andReturn();

    // the token each form posts is the one the session's XSRF-TOKEN cookie carries
    Cookie token = page.getResponse().getCookie("XSRF-TOKEN");
    assertThat(token).isNotNull();
    assertThat(page.getResponse().getContentAsString())
        .contains("name=\"_csrf\" value=\"" + token.getValue() + "\"");
  }

  @Test
  void aPreHooksPageShowsItsDecisionsAndOffersNoReplay() throws Exception {
    when(events.find("evt-pre"))
        .thenReturn(
            Optional.of(
                new StoredEvent(
                    summary("evt-pre", EventKind.PRE, "order.submitting"), "{}", false)));
    when(preHooks.decisionsFor("evt-pre"))
        .thenReturn(
            List.of(
                new RecordedDecision(
                    false,
                    "{\"proceed\":false}",
                    "[{\"name\":\"order-rules\",\"outcome\":\"failed\",\"detail\":\"over 1000\"}]",
                    41,
                    RECEIVED.plusSeconds(1))));

    mvc.perform(get("/ops/events/evt-pre").with(ops()))
        .andExpect(status().isOk())
        .andExpect(content().string(containsString("Pre-hook decisions")))
        .andExpect(content().string(containsString("order-rules: failed — over 1000")))
        .andExpect(content().string(containsString("41 ms")))
        .andExpect(content().string(not(containsString("id=\"replay-event\""))));

    verify(ledger, never()).legsOf(anyString());
  }

  @Test
  void anUnknownEventIsA404Page() throws Exception {
    when(events.find("no-such-event")).thenReturn(Optional.empty());

    mvc.perform(get("/ops/events/no-such-event").accept(MediaType.TEXT_HTML).with(ops()))
        .andExpect(status().isNotFound())
        .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_PLAIN))
        .andExpect(content().string("No event with id no-such-event"));
  }

  // --- replays -------------------------------------------------------------------------------

  @Test
  void replayingALegFromTheFormRedirectsToItsEventWithANotice() throws Exception {
    when(ledger.find("leg-1")).thenReturn(Optional.of(leg("leg-1", "crm", LegStatus.DEAD, null)));
    when(replays.replayLeg("leg-1", false)).thenReturn(Outcome.REQUEUED);

    mvc.perform(
            post("/ops/legs/leg-1/replay")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .with(browserSession())
                .with(csrfField(token)))
        .andExpect(status().isFound())
        .andExpect(redirectedUrl("/ops/events/evt-1?notice=Leg+crm+re-queued"));

    verify(replays).replayLeg("leg-1", false);
  }

  @Test
  void aDeliveredLegIsReplayedOnlyWithForceAndAnUnknownOneSaysSo() throws Exception {
    when(ledger.find("leg-1"))
        .thenReturn(Optional.of(leg("leg-1", "crm", LegStatus.DELIVERED, null)));
    when(replays.replayLeg("leg-1", false)).thenReturn(Outcome.REFUSED_DELIVERED);
    when(replays.replayLeg("gone", true)).thenReturn(Outcome.NOT_FOUND);

    mvc.perform(post("/ops/legs/leg-1/replay").with(browserSession()).with(csrfField(token)))
        .andExpect(
            redirectedUrl(
                "/ops/events/evt-1?notice=That+leg+was+delivered%3B+replay+it+again+with+force"));
    mvc.perform(
            post("/ops/legs/gone/replay")
                .param("force", "true")
                .with(browserSession())
                .with(csrfField(token)))
        .andExpect(redirectedUrl("/ops/events/?notice=No+such+leg"));

    verify(replays).replayLeg("gone", true);
  }

  @Test
  void aHeldLegShowsWhatItWaitsForAndAReleaseFormWithTheSessionsToken() throws Exception {
    when(events.find("evt-1"))
        .thenReturn(
            Optional.of(
                new StoredEvent(
                    summary("evt-1", EventKind.POST, "order.canceled"),
                    "{\"ID\":\"SO-1\"}",
                    false)));
    DeliveryLeg held = leg("leg-2", "erp", LegStatus.HELD, null);
    when(ledger.legsOf("evt-1"))
        .thenReturn(
            List.of(
                new DeliveryLeg(
                    held.id(),
                    held.eventId(),
                    held.destination(),
                    held.status(),
                    0,
                    null,
                    null,
                    held.idempotencyKey(),
                    held.createdAt(),
                    held.updatedAt(),
                    null,
                    "waiting behind dead leg leg-1 of event evt-0"),
                leg("leg-3", "database", LegStatus.DELIVERED, null)));

    MvcResult page =
        mvc.perform(get("/ops/events/evt-1").accept(MediaType.TEXT_HTML).with(browserSession()))
            .andExpect(status().isOk())
            .andExpect(content().string(containsString("data-status=\"held\"")))
            .andExpect(
                content().string(containsString("waiting behind dead leg leg-1 of event evt-0")))
            .andExpect(content().string(containsString("action=\"/ops/legs/leg-2/release\"")))
            // only a held leg can be released
            .andExpect(content().string(not(containsString("/ops/legs/leg-3/release"))))
            .andReturn();

    Cookie session = page.getResponse().getCookie("XSRF-TOKEN");
    assertThat(session).isNotNull();
    String html = page.getResponse().getContentAsString();
    String releaseForm = html.substring(html.indexOf("/ops/legs/leg-2/release"));
    assertThat(releaseForm.substring(0, releaseForm.indexOf("</form>")))
        .contains("name=\"_csrf\" value=\"" + session.getValue() + "\"");
  }

  @Test
  void releasingAHeldLegFromTheFormRedirectsToItsEventWithANotice() throws Exception {
    when(ledger.find("leg-2")).thenReturn(Optional.of(leg("leg-2", "erp", LegStatus.HELD, null)));
    when(ledger.find("leg-3"))
        .thenReturn(Optional.of(leg("leg-3", "erp", LegStatus.DELIVERED, null)));
    when(replays.release("leg-2")).thenReturn(Replays.Release.RELEASED);
    when(replays.release("leg-3")).thenReturn(Replays.Release.NOT_HELD);

    mvc.perform(post("/ops/legs/leg-2/release").with(browserSession()).with(csrfField(token)))
        .andExpect(status().isFound())
        .andExpect(
            redirectedUrl(
                "/ops/events/evt-1?notice=Leg+erp+released%3A+it+goes+now%2C+out+of+order"));
    mvc.perform(post("/ops/legs/leg-3/release").with(browserSession()).with(csrfField(token)))
        .andExpect(redirectedUrl("/ops/events/evt-1?notice=That+leg+is+not+held"));
    // without the session's token nothing is released
    mvc.perform(
            post("/ops/legs/leg-2/release")
                .with(browserSession())
                .with(csrfField(csrfCookie(mvc), "forged")))
        .andExpect(status().isForbidden());

    verify(replays).release("leg-3");
    verify(replays, org.mockito.Mockito.times(1)).release("leg-2");
  }

  @Test
  void replayingAnEventRedirectsToItWithTheCountRequeued() throws Exception {
    when(replays.replayEvent("evt-1", true)).thenReturn(2);
    when(replays.replayEvent("gone", false)).thenReturn(-1);

    mvc.perform(
            post("/ops/events/evt-1/replay")
                .param("force", "true")
                .with(browserSession())
                .with(csrfField(token)))
        .andExpect(status().isFound())
        .andExpect(redirectedUrl("/ops/events/evt-1?notice=Event+re-planned%2C+2+legs+re-queued"));
    mvc.perform(post("/ops/events/gone/replay").with(browserSession()).with(csrfField(token)))
        .andExpect(redirectedUrl("/ops/events/gone?notice=No+such+event"));
  }

  @Test
  void replayingDeadLegsPassesTheFormsFiltersAndABadSinceReplaysNothing() throws Exception {
    OffsetDateTime since = OffsetDateTime.parse("2026-11-28T00:00:00Z");
    when(replays.replayMatching(LegStatus.DEAD, "crm", since)).thenReturn(3);

    mvc.perform(
            post("/ops/deliveries/replay")
                .param("destination", "crm")
                .param("since", "2026-11-28T00:00:00Z")
                .with(browserSession())
                .with(csrfField(token)))
        .andExpect(redirectedUrl("/ops/events?status=dead&notice=3+dead+legs+re-queued"));
    verify(replays).replayMatching(LegStatus.DEAD, "crm", since);

    mvc.perform(
            post("/ops/deliveries/replay")
                .param("since", "soon")
                .with(browserSession())
                .with(csrfField(token)))
        .andExpect(status().isFound())
        .andExpect(
            redirectedUrl(
                "/ops/events?status=dead&notice=since+must+be+an+ISO-8601+time+with+offset%2C"
                    + "+e.g.+2026-11-28T00%3A00%3A00Z"));
    verify(replays).replayMatching(any(), any(), any());
  }

  // --- who may -------------------------------------------------------------------------------

  @Test
  void withoutLoginABrowserIsSentToTheFormAndAnythingElseGetsThe401Problem() throws Exception {
    mvc.perform(get("/ops/events").accept(MediaType.TEXT_HTML))
        .andExpect(status().isFound())
        .andExpect(redirectedUrl("http://localhost/login"));
    mvc.perform(get("/ops/events"))
        .andExpect(status().isUnauthorized())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.error").value("unauthorized"));
    // a script in a page (fetch with X-Requested-With) cannot follow a redirect to a form
    mvc.perform(
            get("/ops/events/evt-1")
                .accept(MediaType.TEXT_HTML)
                .header("X-Requested-With", "XMLHttpRequest"))
        .andExpect(status().isUnauthorized());

    verifyNoInteractions(events, ledger);
  }

  @Test
  void aReplayWithoutTheSessionsCsrfTokenReplaysNothing() throws Exception {
    mvc.perform(
            post("/ops/deliveries/replay")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .with(browserSession()))
        .andExpect(status().isForbidden())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.error").value("csrf_token_required"));
    mvc.perform(
            post("/ops/legs/leg-1/replay")
                .with(browserSession())
                .with(csrfField(csrfCookie(mvc), "forged")))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.error").value("csrf_token_required"));
    // without login either: the token is checked first, so nothing tells whether a login would do
    mvc.perform(post("/ops/events/evt-1/replay"))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.error").value("csrf_token_required"));

    verifyNoInteractions(replays);
  }

  @Test
  void aReplayFromAnotherSiteIsRefusedEvenWithAValidToken() throws Exception {
    mvc.perform(
            post("/ops/deliveries/replay")
                .header("Origin", "https://attacker.example")
                .with(browserSession())
                .with(csrfField(token)))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.error").value("cross_site_request"));
    // Basic brings its own credentials, but a form post with it is what a foreign page could send
    mvc.perform(
            post("/ops/deliveries/replay")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .with(ops()))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.error").value("cross_site_request"));

    verify(replays, never()).replayMatching(any(), any(), any());
  }

  @Test
  void aScriptWithBasicAndNoBodyNeedsNoToken() throws Exception {
    when(replays.replayEvent("evt-1", false)).thenReturn(1);

    mvc.perform(post("/ops/events/evt-1/replay").with(ops()))
        .andExpect(status().isFound())
        .andExpect(redirectedUrl("/ops/events/evt-1?notice=Event+re-planned%2C+1+legs+re-queued"));

    verify(replays).replayEvent("evt-1", false);
    verify(replays, never()).replayLeg(anyString(), anyBoolean());
  }
}
