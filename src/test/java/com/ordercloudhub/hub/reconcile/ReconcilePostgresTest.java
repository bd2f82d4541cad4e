package com.ordercloudhub.hub.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.ordercloudhub.hub.destination.ordercloud.OrderCloudApi;
import com.ordercloudhub.hub.event.EventCatalogue;
import com.ordercloudhub.hub.event.EventStore;
import com.ordercloudhub.hub.support.EmbeddedPostgresServer;
import com.ordercloudhub.hub.support.HubTest;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Reconciliation on PostgreSQL (embedded binaries), as production runs it, and two hubs on one
 * database: this hub's reconciler and a second one on the same DataSource under another instance
 * name (what a second hub process would run; its lease is the same row) run one pass at a time.
 */
@HubTest
class ReconcilePostgresTest extends ReconcileContract {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    String url = EmbeddedPostgresServer.newDatabase();
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "postgres");
  }

  @Autowired ReconcileProperties properties;
  @Autowired OrderCloudApi api;
  @Autowired EventStore store;
  @Autowired EventCatalogue catalogue;
  @Autowired ReconcileState state;
  @Autowired ObjectMapper mapper;
  @Autowired CamelContext camel;
  @Autowired Clock clock;

  @Test
  void twoHubsOnOneDatabaseRunOnePassAtATime() throws Exception {
    Reconciler other =
        new Reconciler(
            properties, api, store, catalogue, state, mapper, camel, clock, "hub-b:8080", meters);
    String since = window();
    String orderId = "SO-" + UUID.randomUUID();
    // a slow first page keeps the first pass running while the other hub asks
    ordercloud.stubFor(
        list(since, 1)
            .willReturn(
                WireMock.okJson(page(1, 1, List.of(order(orderId, "Open", null))).toString())
                    .withFixedDelay(3000)));
    OffsetDateTime from = OffsetDateTime.parse(since);
    CyclicBarrier together = new CyclicBarrier(2);

    CompletableFuture<Reconciler.PassResult> here =
        CompletableFuture.supplyAsync(() -> passAt(reconciler, together, from));
    CompletableFuture<Reconciler.PassResult> there =
        CompletableFuture.supplyAsync(() -> passAt(other, together, from));
    List<Reconciler.PassResult> results = List.of(here.join(), there.join());

    assertThat(results)
        .extracting(Reconciler.PassResult::outcome)
        .containsExactlyInAnyOrder("complete", "busy");
    Reconciler.PassResult ran =
        results.stream().filter(Reconciler.PassResult::ran).findFirst().orElseThrow();
    Reconciler.PassResult refused =
        results.stream().filter(r -> !r.ran()).findFirst().orElseThrow();
    // the refused one names the hub whose lease it found
    assertThat(refused.runningOn()).isEqualTo(ran.runningOn());
    assertThat(ran.recovered()).isEqualTo(1);
    assertThat(listRequests(since, 1)).hasSize(1);
    assertThat(eventsOf(orderId)).hasSize(1);

    // the lease is free again: the other hub's next pass runs, and finds nothing left to recover
    Reconciler.PassResult later =
        (ran.runningOn().equals(other.instance()) ? reconciler : other).runNow(from);
    assertThat(later.outcome()).isEqualTo("complete");
    assertThat(later.orders()).isEqualTo(1);
    assertThat(later.recovered()).isZero();
    assertThat(eventsOf(orderId)).hasSize(1);
    assertThat(state().get("locked_by")).isNull();
    other.stop();
  }

  private static Reconciler.PassResult passAt(
      Reconciler reconciler, CyclicBarrier together, OffsetDateTime from) {
    try {
      together.await();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return reconciler.runNow(from);
  }
}
