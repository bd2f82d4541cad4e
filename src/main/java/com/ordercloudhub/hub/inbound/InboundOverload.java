package com.ordercloudhub.hub.inbound;

import com.ordercloudhub.hub.config.Problem;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** When every inbound worker is busy and the queue is full, OrderCloud is told to come back. */
@RestControllerAdvice
class InboundOverload {

  private static final Logger log = LoggerFactory.getLogger(InboundOverload.class);

  @ExceptionHandler(RejectedExecutionException.class)
  ResponseEntity<Problem> overloaded(RejectedExecutionException e) {
    log.warn("Inbound queue full (hub.inbound.threads / queue-capacity): answered 503");
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .contentType(MediaType.APPLICATION_JSON)
        .body(
            Problem.of(
                503, "overloaded", "The hub is at capacity; nothing was stored. Send it again."));
  }
}
