package com.ordercloudhub.hub.impact;

import static org.assertj.core.api.Assertions.assertThat;

import com.ordercloudhub.hub.event.EventCatalogue;
import com.ordercloudhub.hub.event.EventStore;
import com.ordercloudhub.hub.inbound.OcEnvelope;
import com.ordercloudhub.hub.support.HubTest;
import com.ordercloudhub.hub.support.Payloads;
import com.ordercloudhub.hub.support.Webhooks;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * A run that reaches {@code hub.impact.time-limit} stops and answers with what it has, marked
 * incomplete, and the next run may start (the one-at-a-time slot is given back).
 */
@HubTest
@TestPropertySource(properties = {"hub.impact.time-limit=1ms", "hub.delivery.enabled=false"})
class ImpactTimeLimitTest {

  @Autowired ImpactRunner runner;
  @Autowired EventStore store;
  @Autowired OcEnvelope envelope;
  @Autowired EventCatalogue catalogue;

  @Test
  void aRunPastItsTimeLimitAnswersIncompleteWithWhatItHas() {
    OffsetDateTime since = OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1);
    for (int i = 1; i <= 3; i++) {
      store.record(
          catalogue.classify(
              envelope.parsePostHook(
                  Payloads.bytes(Webhooks.orderSubmitted("SO-LIMIT-" + i + "-" + since)))));
    }
    ImpactRunner.Window window = new ImpactRunner.Window(since, null, null, null, null);

    ImpactReport report = runner.run(window, Map.of(), false);

    assertThat(report.complete()).isFalse();
    // the proposed hub's start-up alone takes longer than 1 ms: no event was compared
    assertThat(report.events()).isZero();
    assertThat(report.stopped())
        .isEqualTo("time limit reached (hub.impact.time-limit PT0.001S) after 0 of 3 events");
    assertThat(runner.running()).isFalse();
    assertThat(runner.run(window, Map.of(), false).stopped()).contains("after 0 of 3 events");
  }
}
