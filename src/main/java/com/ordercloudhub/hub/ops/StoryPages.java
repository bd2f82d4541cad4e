package com.ordercloudhub.hub.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.jknack.handlebars.Template;
import com.ordercloudhub.hub.delivery.DeliveryLedger;
import com.ordercloudhub.hub.delivery.DeliveryLeg;
import com.ordercloudhub.hub.delivery.Replays;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriUtils;

/**
 * The search box's answers ({@code /ops/search}), an order's and a user's page ({@code
 * /ops/orders/{id}}, {@code /ops/users/{id}}) with their actions (replay a leg, replay everything
 * failed, release a held leg: POSTs with the CSRF token, back to the same page with a notice), and
 * the script that shows times as "3 min ago" ({@code /ops/assets/time.js}: the CSP allows only the
 * hub's own scripts).
 */
@Controller
@RequestMapping("/ops")
class StoryPages {

  private final Stories stories;
  private final Replays replays;
  private final DeliveryLedger ledger;
  private final ObjectMapper mapper;
  private final Template searchPage;
  private final Template storyPage;
  private final byte[] timeScript;

  StoryPages(Stories stories, Replays replays, DeliveryLedger ledger, ObjectMapper mapper)
      throws IOException {
    this.stories = stories;
    this.replays = replays;
    this.ledger = ledger;
    this.mapper = mapper;
    this.searchPage = Pages.compile("search");
    this.storyPage = Pages.compile("story");
    try (InputStream in = StoryPages.class.getResourceAsStream("/ops-pages/assets/time.js")) {
      if (in == null) {
        throw new IllegalStateException("ops-pages/assets/time.js is missing");
      }
      this.timeScript = in.readAllBytes();
    }
  }

  @GetMapping("/assets/time.js")
  ResponseEntity<byte[]> timeScript() {
    return ResponseEntity.ok()
        .contentType(new MediaType("text", "javascript", StandardCharsets.UTF_8))
        .cacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePrivate())
        .body(timeScript);
  }

  @GetMapping("/search")
  ResponseEntity<String> search(@RequestParam(required = false) String q) throws IOException {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("q", q == null ? "" : q.strip());
    Stories.Found found;
    try {
      found = stories.search(q);
    } catch (Stories.BadQuery e) {
      model.put("notice", e.getMessage());
      return Pages.html(HttpStatus.BAD_REQUEST, searchPage.apply(model));
    }
    // one order or user found: its page at once
    if (found.matches().size() == 1
        && (found.matches().get(0).leadsTo().equals("order")
            || found.matches().get(0).leadsTo().equals("user"))) {
      return ResponseEntity.status(HttpStatus.SEE_OTHER)
          .header("Location", found.matches().get(0).link())
          .build();
    }
    model.put("matches", plain(found.matches()));
    model.put("capped", found.capped());
    return Pages.html(HttpStatus.OK, searchPage.apply(model));
  }

  @GetMapping("/orders/{orderId}")
  ResponseEntity<String> order(
      @PathVariable String orderId,
      @RequestParam(required = false) String notice,
      HttpServletRequest request)
      throws IOException {
    return page("order", orderId, stories.order(orderId), notice, request);
  }

  @GetMapping("/users/{userId}")
  ResponseEntity<String> user(
      @PathVariable String userId,
      @RequestParam(required = false) String notice,
      HttpServletRequest request)
      throws IOException {
    return page("user", userId, stories.user(userId), notice, request);
  }

  private ResponseEntity<String> page(
      String kind,
      String id,
      Optional<Map<String, Object>> story,
      String notice,
      HttpServletRequest request)
      throws IOException {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("kind", kind);
    model.put("id", id);
    model.put("base", base(kind, id));
    model.put("notice", notice);
    if (story.isEmpty()) {
      model.put("missing", true);
      return Pages.html(HttpStatus.NOT_FOUND, storyPage.apply(model));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> plain = (Map<String, Object>) plain(story.get());
    model.putAll(plain);
    model.put("order", kind.equals("order"));
    model.put("csrf", Pages.csrf(request));
    return Pages.html(HttpStatus.OK, storyPage.apply(model));
  }

  @PostMapping("/orders/{orderId}/replay-failed")
  String replayOrder(@PathVariable String orderId) {
    return replayFailed("order", orderId);
  }

  @PostMapping("/users/{userId}/replay-failed")
  String replayUser(@PathVariable String userId) {
    return replayFailed("user", userId);
  }

  private String replayFailed(String kind, String id) {
    int requeued = replays.replayDeadOfKey(Stories.keyOf(kind, id));
    return back(kind, id, requeued + " dead legs re-queued");
  }

  @PostMapping("/{kind:orders|users}/{id}/legs/{legId}/replay")
  String replayLeg(
      @PathVariable String kind,
      @PathVariable String id,
      @PathVariable String legId,
      @RequestParam(defaultValue = "false") boolean force) {
    Optional<DeliveryLeg> leg = ledger.find(legId);
    String notice =
        switch (replays.replayLeg(legId, force)) {
          case REQUEUED, ALREADY_QUEUED ->
              "Leg " + leg.map(DeliveryLeg::destination).orElse(legId) + " re-queued";
          case REFUSED_DELIVERED -> "That leg was delivered; replay it again with force";
          case NOT_FOUND -> "No such leg";
        };
    return back(singular(kind), id, notice);
  }

  @PostMapping("/{kind:orders|users}/{id}/legs/{legId}/release")
  String releaseLeg(
      @PathVariable String kind, @PathVariable String id, @PathVariable String legId) {
    Optional<DeliveryLeg> leg = ledger.find(legId);
    String notice =
        switch (replays.release(legId)) {
          case RELEASED ->
              "Leg "
                  + leg.map(DeliveryLeg::destination).orElse(legId)
                  + " released: it goes now, out of order";
          case NOT_HELD -> "That leg is not held";
          case NOT_FOUND -> "No such leg";
        };
    return back(singular(kind), id, notice);
  }

  private static String singular(String kind) {
    return kind.equals("orders") ? "order" : "user";
  }

  private static String base(String kind, String id) {
    return "/ops/" + kind + "s/" + UriUtils.encodePathSegment(id, StandardCharsets.UTF_8);
  }

  private static String back(String kind, String id, String notice) {
    return "redirect:"
        + base(kind, id)
        + "?notice="
        + URLEncoder.encode(notice, StandardCharsets.UTF_8);
  }

  private Object plain(Object value) {
    return Pages.plain(mapper, value);
  }
}
