package com.ordercloudhub.hub.ops;

import com.ordercloudhub.hub.config.Problem;
import com.ordercloudhub.hub.delivery.Replays;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Search by what people know ({@code GET /api/search?q=}), an order's and a user's whole story
 * ({@code GET /api/orders/{orderID}}, {@code GET /api/users/{userID}}) and replaying everything
 * that failed for one of them ({@code POST …/replay-failed}).
 */
@RestController
@RequestMapping("/api")
class StoriesController {

  private final Stories stories;
  private final Replays replays;

  StoriesController(Stories stories, Replays replays) {
    this.stories = stories;
    this.replays = replays;
  }

  @GetMapping("/search")
  Stories.Found search(@RequestParam(required = false) String q) {
    return stories.search(q);
  }

  @GetMapping("/orders/{orderId}")
  ResponseEntity<Object> order(@PathVariable String orderId) {
    return stories
        .order(orderId)
        .<ResponseEntity<Object>>map(ResponseEntity::ok)
        .orElseGet(() -> notFound("order", orderId));
  }

  @GetMapping("/users/{userId}")
  ResponseEntity<Object> user(@PathVariable String userId) {
    return stories
        .user(userId)
        .<ResponseEntity<Object>>map(ResponseEntity::ok)
        .orElseGet(() -> notFound("user", userId));
  }

  /** Re-queues every dead leg of the order (whichever event, whichever destination). */
  @PostMapping("/orders/{orderId}/replay-failed")
  ResponseEntity<Object> replayOrder(@PathVariable String orderId) {
    if (stories.order(orderId).isEmpty()) {
      return notFound("order", orderId);
    }
    return ResponseEntity.accepted()
        .body(Map.of("requeued", replays.replayDeadOfKey(Stories.keyOf("order", orderId))));
  }

  @PostMapping("/users/{userId}/replay-failed")
  ResponseEntity<Object> replayUser(@PathVariable String userId) {
    if (stories.user(userId).isEmpty()) {
      return notFound("user", userId);
    }
    return ResponseEntity.accepted()
        .body(Map.of("requeued", replays.replayDeadOfKey(Stories.keyOf("user", userId))));
  }

  @ExceptionHandler(Stories.BadQuery.class)
  ResponseEntity<Problem> badQuery(Stories.BadQuery e) {
    return ResponseEntity.badRequest().body(Problem.of(400, "invalid_parameter", e.getMessage()));
  }

  static ResponseEntity<Object> notFound(String kind, String id) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND)
        .body(
            Problem.of(
                404,
                "not_found",
                "No event is about "
                    + kind
                    + " "
                    + id
                    + " (IDs match exactly, in their case; search finds them in any case)"));
  }
}
