package com.ordercloudhub.hub.destination.email;

import java.io.Writer;
import java.time.Duration;

/**
 * What one render of a template may take: time and output. A template is an operator's or an
 * integrator's text, and Handlebars runs it with no bound of its own: {@code {{#each}}} nested k
 * deep over a list of n renders n^k times, in a file far under the size limit. Each render runs
 * within one budget on its thread; the value lookups and block helpers of the render check it, and
 * its output is written through a writer that refuses what is past the bound. Past either bound the
 * render fails as that template's error ({@link Exceeded}).
 */
final class RenderBudget {

  /** The longest one render may run, as long as a mapping's evaluation may. */
  static final Duration MAX_TIME = Duration.ofSeconds(10);

  /** The most characters one render, or one block in it, may write. */
  static final int MAX_OUTPUT = 4 * 1024 * 1024;

  private static final ThreadLocal<RenderBudget> CURRENT = new ThreadLocal<>();

  private final long deadline;
  private final Duration time;
  private final int maxOutput;
  private int ticks;

  private RenderBudget(Duration time, int maxOutput) {
    this.time = time;
    this.deadline = System.nanoTime() + time.toNanos();
    this.maxOutput = maxOutput;
  }

  /** A template's render past its budget. */
  static final class Exceeded extends RuntimeException {
    Exceeded(String message) {
      super(message);
    }
  }

  interface Render {
    void run(Writer out) throws java.io.IOException;
  }

  /** Runs a render on this thread within the default budget and returns what it wrote. */
  static String within(Render render) throws java.io.IOException {
    return within(MAX_TIME, MAX_OUTPUT, render);
  }

  static String within(Duration time, int maxOutput, Render render) throws java.io.IOException {
    RenderBudget outer = CURRENT.get();
    RenderBudget budget = new RenderBudget(time, maxOutput);
    CURRENT.set(budget);
    try {
      LimitedWriter out = budget.new LimitedWriter();
      render.run(out);
      return out.toString();
    } finally {
      if (outer == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(outer);
      }
    }
  }

  /** A step of the render on this thread (a value looked up, a block run): checks its time. */
  static void tick() {
    RenderBudget budget = CURRENT.get();
    if (budget != null && (++budget.ticks & 255) == 0) {
      budget.checkTime();
    }
  }

  /** A block of the render on this thread wrote so much: checks its size and time. */
  static void wrote(CharSequence block) {
    RenderBudget budget = CURRENT.get();
    if (budget != null) {
      budget.checkTime();
      if (block != null && block.length() > budget.maxOutput) {
        throw budget.tooLarge();
      }
    }
  }

  private void checkTime() {
    if (System.nanoTime() - deadline > 0) {
      throw new Exceeded(
          "rendering took longer than "
              + (time.toMillis() % 1000 == 0 ? time.toSeconds() + " s" : time.toMillis() + " ms"));
    }
  }

  private Exceeded tooLarge() {
    return new Exceeded("rendering wrote more than " + maxOutput + " characters");
  }

  /** The render's output, refused past the budget's size. */
  private final class LimitedWriter extends Writer {
    private final StringBuilder text = new StringBuilder();

    @Override
    public void write(char[] chars, int offset, int length) {
      room(length);
      text.append(chars, offset, length);
    }

    @Override
    public void write(String s, int offset, int length) {
      room(length);
      text.append(s, offset, offset + length);
    }

    /** Room for so many more characters, within the budget's time. */
    private void room(int length) {
      if (text.length() + (long) length > maxOutput) {
        throw tooLarge();
      }
      checkTime();
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}

    @Override
    public String toString() {
      return text.toString();
    }
  }
}
