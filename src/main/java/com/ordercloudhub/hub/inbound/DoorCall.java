package com.ordercloudhub.hub.inbound;

import com.ordercloudhub.hub.config.CachedBodyRequest;
import com.ordercloudhub.hub.config.Problem;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call through the door, from its first body byte to its answer. The body is read without
 * holding a thread (the servlet container calls back when bytes are there), into memory taken from
 * the lane's budget, while the signature is computed over it; a call too slow, too large or over
 * the budget is answered and closed at once. Once whole and signed, it waits for room in its lane
 * and runs its route.
 */
final class DoorCall implements ReadListener, AsyncListener {

  private static final Logger log = LoggerFactory.getLogger(DoorCall.class);
  private static final int FIRST_CHUNK = 8192;

  private enum State {
    READING,
    /** Refused while reading (too slow, or a stop began): answered on the container's thread. */
    ENDING,
    WAITING,
    RUNNING,
    DONE
  }

  private static final Problem TOO_SLOW =
      Problem.of(
          408,
          "request_timeout",
          "The request body did not arrive in time (hub.inbound.request-deadline,"
              + " hub.inbound.min-body-rate); nothing was stored.");

  private final WebhookDoor door;
  private final Lane lane;
  private final DoorConsumer consumer;
  private final HttpServletRequest request;
  private final HttpServletResponse response;
  private final AsyncContext async;
  private final long declared;
  private final long startedNanos;
  private final OcSignature.KeyRing keys;
  private final Mac[] macs;
  private byte[] buffer;
  private int length;
  private long held;
  private State state = State.READING;
  private Problem ending;
  private ScheduledFuture<?> timer;

  DoorCall(
      WebhookDoor door,
      Lane lane,
      DoorConsumer consumer,
      HttpServletRequest request,
      HttpServletResponse response,
      AsyncContext async,
      long declared,
      long held,
      OcSignature.KeyRing keys,
      Mac[] macs) {
    this.door = door;
    this.lane = lane;
    this.consumer = consumer;
    this.request = request;
    this.response = response;
    this.async = async;
    this.declared = declared;
    this.held = held;
    this.keys = keys;
    this.macs = macs;
    this.buffer = new byte[(int) held];
    this.startedNanos = System.nanoTime();
  }

  /** Starts reading; the deadline checks run from now. */
  void start(ServletInputStream in) {
    timer = door.scheduleChecks(this);
    in.setReadListener(this);
  }

  @Override
  public void onDataAvailable() throws IOException {
    Problem refusal = null;
    synchronized (this) {
      if (state != State.READING) {
        return;
      }
      ServletInputStream in = request.getInputStream();
      while (in.isReady()) {
        if (length == buffer.length) {
          if (declared >= 0) {
            break; // the declared length is here; the container reports the end next
          }
          refusal = grow();
          if (refusal != null) {
            break;
          }
        }
        int n = in.read(buffer, length, buffer.length - length);
        if (n < 0) {
          break;
        }
        for (Mac mac : macs) {
          mac.update(buffer, length, n);
        }
        length += n;
      }
      if (refusal != null) {
        state = State.DONE;
      }
    }
    if (refusal != null) {
      answerAndClose(refusal);
    }
  }

  /** Room for more of a body of unknown length, from the budget; a refusal when there is none. */
  private Problem grow() {
    if (buffer.length > lane.maxBody) {
      door.count(lane, "body_too_large");
      return WebhookDoor.tooLarge(lane.maxBody);
    }
    long next = Math.min(Math.max((long) buffer.length * 2, FIRST_CHUNK), lane.maxBody + 1);
    if (!lane.budget.take(next - buffer.length, next)) {
      door.count(lane, "overloaded");
      return WebhookDoor.overloaded();
    }
    held += next - buffer.length;
    buffer = Arrays.copyOf(buffer, (int) next);
    return null;
  }

  @Override
  public void onAllDataRead() {
    synchronized (this) {
      if (state != State.READING) {
        return;
      }
      state = State.WAITING;
      cancelTimer();
    }
    if (length > lane.maxBody) {
      finish(door.refuse(lane, "body_too_large", WebhookDoor.tooLarge(lane.maxBody)), true);
      return;
    }
    Problem unsigned = door.checkSignature(request, keys, macs, lane);
    if (unsigned != null) {
      finish(unsigned, false);
      return;
    }
    switch (lane.admit(this)) {
      case RUN -> runOnLane();
      case WAIT -> door.scheduleGiveUp(this, lane);
      // the body is read: the connection can carry the caller's next call
      case FULL -> finish(door.refuse(lane, "overloaded", WebhookDoor.overloaded()), false);
    }
  }

  private void runOnLane() {
    try {
      lane.executor.execute(this::runThenNext);
    } catch (RejectedExecutionException e) {
      // the lane's workers are stopping: the place is given back and the caller told to return
      finish(door.refuse(lane, "overloaded", WebhookDoor.overloaded()), false);
      for (DoorCall next = lane.done(); next != null; next = lane.done()) {
        next.gaveUp(); // a waiting call handed this place is refused too, and the place freed
      }
    }
  }

  /** The waiting line gave up on this call: it is answered 503 now. */
  void gaveUp() {
    finish(door.refuse(lane, "overloaded", WebhookDoor.overloaded()), false);
  }

  /** Runs this call's route, then every call that was waiting for the place, on this thread. */
  private void runThenNext() {
    DoorCall call = this;
    while (call != null) {
      call.run();
      call = lane.done();
    }
  }

  private void run() {
    synchronized (this) {
      state = State.RUNNING;
    }
    try {
      consumer.serve(new BodyRequest(request, body()), response);
    } catch (Exception | LinkageError e) {
      log.warn("Inbound route {} failed outside its error handling", consumer.path(), e);
      writeQuietly(Problem.of(500, "internal_error", "The call failed; nothing was stored."));
    } finally {
      door.answered(lane, response.getStatus());
      release();
      completeQuietly();
    }
  }

  private byte[] body() {
    return length == buffer.length ? buffer : Arrays.copyOf(buffer, length);
  }

  /** Called by the deadline checks: true when the call was refused now (too slow). */
  boolean checkPace(long deadlineNanos, long minBytesPerSecond, long graceNanos) {
    long elapsed = System.nanoTime() - startedNanos;
    synchronized (this) {
      if (state != State.READING) {
        return state == State.DONE;
      }
      boolean late = elapsed >= deadlineNanos;
      boolean whole = declared >= 0 && length >= declared; // its end is being reported
      boolean slow =
          !whole
              && elapsed >= graceNanos
              && length < minBytesPerSecond * TimeUnit.NANOSECONDS.toMillis(elapsed) / 1000;
      if (whole || (!late && !slow)) {
        return false;
      }
    }
    door.count(lane, "request_timeout");
    endOnContainerThread(TOO_SLOW);
    return true;
  }

  /**
   * Refuses a call that is still sending its body, on one of the container's threads: its async
   * timeout is set to fire at once, and {@link #onTimeout} answers and completes it there.
   * Completed from the door's timer instead, a call whose caller closes at that moment (slow
   * callers do, right after their 408) ended in Tomcat 10.1 without being counted out of its async
   * requests in progress, and a graceful stop then waited its full timeout. The container's timeout
   * sweep runs every second, so the answer leaves within one.
   */
  private void endOnContainerThread(Problem problem) {
    synchronized (this) {
      if (state != State.READING) {
        return;
      }
      state = State.ENDING;
      ending = problem;
    }
    cancelTimer();
    try {
      async.setTimeout(1);
    } catch (IllegalStateException e) {
      release(); // already ended by the container (the caller went away): nothing left to answer
    }
  }

  private void finish(Problem problem, boolean close) {
    synchronized (this) {
      state = State.DONE;
    }
    if (close) {
      response.setHeader("Connection", "close");
      DoorValve.closeWithoutReading(request);
    }
    writeQuietly(problem);
    door.answered(lane, problem.status());
    release();
    completeQuietly();
  }

  private void answerAndClose(Problem problem) {
    cancelTimer();
    finish(problem, true);
  }

  private void writeQuietly(Problem problem) {
    try {
      WebhookDoor.answer(response, problem);
    } catch (IOException | IllegalStateException e) {
      log.debug("Could not answer {}: {}", request.getRequestURI(), e.toString());
    }
  }

  private void release() {
    synchronized (this) {
      if (held > 0) {
        lane.budget.give(held);
        held = 0;
      }
      buffer = null;
    }
    // off the door's list as soon as it is answered, whether or not the container reports
    // completion
    door.closed(this);
  }

  private void completeQuietly() {
    try {
      async.complete();
    } catch (IllegalStateException e) {
      log.debug("Call already completed: {}", e.toString());
    }
  }

  private synchronized void cancelTimer() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }

  @Override
  public void onError(Throwable t) {
    // the caller went away or the connection broke while the body was arriving (or before its
    // refusal was written)
    synchronized (this) {
      if (state != State.READING && state != State.ENDING) {
        return;
      }
      state = State.DONE;
    }
    cancelTimer();
    release();
    completeQuietly();
  }

  @Override
  public void onComplete(AsyncEvent event) {
    cancelTimer();
    release();
    door.closed(this);
  }

  /** The hub is stopping: a call still sending its body is answered 503 stopping (within 1 s). */
  boolean stopIfReading() {
    synchronized (this) {
      if (state != State.READING) {
        return false;
      }
    }
    endOnContainerThread(WebhookDoor.stopping());
    return true;
  }

  /** The call could not start reading: whatever it holds is given back and the request ended. */
  void abandon() {
    synchronized (this) {
      state = State.DONE;
    }
    cancelTimer();
    release();
    door.closed(this);
    completeQuietly();
  }

  @Override
  public void onTimeout(AsyncEvent event) {
    // a backstop only: the deadline checks answer first
    Problem answer;
    synchronized (this) {
      if (state == State.DONE) {
        completeQuietly(); // answered off the container's threads: ended here for certain
        return;
      }
      if (state == State.ENDING) {
        answer = ending; // the door's own refusal of a call still reading
      } else if (state == State.READING) {
        answer = TOO_SLOW; // the backstop
      } else {
        log.warn("Inbound call to {} still running at the container's timeout", consumer.path());
        return;
      }
      state = State.DONE;
    }
    answerAndClose(answer);
  }

  @Override
  public void onError(AsyncEvent event) {
    onError(event.getThrowable());
    // on the container's error dispatch: make sure an answered call is completed there too
    completeQuietly();
  }

  @Override
  public void onStartAsync(AsyncEvent event) {}

  /** The request with its body in memory, presented as JSON whatever was declared. */
  static final class BodyRequest extends CachedBodyRequest {

    private static final String JSON = "application/json";

    BodyRequest(HttpServletRequest request, byte[] body) {
      super(request, body);
    }

    @Override
    public String getContentType() {
      return JSON;
    }

    @Override
    public String getHeader(String name) {
      return "content-type".equalsIgnoreCase(name) ? JSON : super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
      return "content-type".equalsIgnoreCase(name)
          ? Collections.enumeration(List.of(JSON))
          : super.getHeaders(name);
    }

    @Override
    public String getCharacterEncoding() {
      return null; // bytes are signed and parsed as they are; no text decoding is implied
    }

    @Override
    public Map<String, String[]> getParameterMap() {
      return Map.of(); // a body is never parameters here
    }

    @Override
    public Enumeration<String> getParameterNames() {
      return Collections.emptyEnumeration();
    }

    @Override
    public String getParameter(String name) {
      return null;
    }

    @Override
    public String[] getParameterValues(String name) {
      return null;
    }
  }
}
