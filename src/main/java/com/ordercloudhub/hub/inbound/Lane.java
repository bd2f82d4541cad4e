package com.ordercloudhub.hub.inbound;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/**
 * One class of inbound calls (pre-hooks; post-hooks and messages) with capacity of its own from the
 * socket on: its body budget, a bound on calls running at once, and a short waiting line that holds
 * no thread. A call that finds no room is refused at once; one that waits longer than the line
 * allows is refused when its wait ends, so a refusal always leaves in milliseconds.
 */
final class Lane {

  /** What {@link #admit} decided. */
  enum Admission {
    RUN,
    WAIT,
    FULL
  }

  final String name;
  final BodyBudget budget;
  final long maxBody;
  final Executor executor;
  private final int capacity;
  private final int maxWaiting;
  private final ArrayDeque<DoorCall> waiting = new ArrayDeque<>();
  private int running;

  Lane(
      String name,
      BodyBudget budget,
      long maxBody,
      int capacity,
      int maxWaiting,
      Executor executor) {
    this.name = name;
    this.budget = budget;
    this.maxBody = maxBody;
    this.capacity = capacity;
    this.maxWaiting = maxWaiting;
    this.executor = executor;
  }

  synchronized Admission admit(DoorCall call) {
    if (running < capacity) {
      running++;
      return Admission.RUN;
    }
    if (waiting.size() < maxWaiting) {
      waiting.addLast(call);
      return Admission.WAIT;
    }
    return Admission.FULL;
  }

  /**
   * A running call is done: the next waiting call takes its place (and is returned, to run on the
   * same thread), or the place is freed.
   */
  synchronized DoorCall done() {
    DoorCall next = waiting.pollFirst();
    if (next == null) {
      running--;
    }
    return next;
  }

  /** Whether a call arriving now would find neither a place nor room in the line. */
  synchronized boolean full() {
    return running >= capacity && waiting.size() >= maxWaiting;
  }

  /** A waiting call's wait is over: true when it was still waiting (and now is not). */
  synchronized boolean giveUp(DoorCall call) {
    return waiting.remove(call);
  }

  synchronized int running() {
    return running;
  }

  synchronized int waiting() {
    return waiting.size();
  }
}
