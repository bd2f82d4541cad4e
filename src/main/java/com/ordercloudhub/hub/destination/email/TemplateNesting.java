package com.ordercloudhub.hub.destination.email;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How deep a template's blocks may nest. Handlebars compiles and renders by recursion, so without a
 * bound of its own the limit would be the stack of whichever thread compiles: a template could pass
 * the route check on a shallow thread and then fail every delivery on a deeper one. Checked on the
 * source before Handlebars sees it, the same on every thread.
 */
final class TemplateNesting {

  /** Deeper than any real e-mail (OrderCloud's own templates nest 4 deep at most). */
  static final int MAX_DEPTH = 100;

  // comments first (they may hold tags), then the tags that open or close a block
  private static final Pattern COMMENT =
      Pattern.compile("\\{\\{!--.*?--~?}}|\\{\\{!.*?}}", Pattern.DOTALL);
  private static final Pattern TAG = Pattern.compile("\\{\\{~?\\s*([#^/])(\\s*~?}})?");

  private TemplateNesting() {}

  /** The source, when its blocks nest at most {@link #MAX_DEPTH} deep. */
  static String checked(String name, String source) {
    String text = COMMENT.matcher(source).replaceAll(m -> blank(m.group()));
    Matcher tag = TAG.matcher(text);
    int depth = 0;
    while (tag.find()) {
      String kind = tag.group(1);
      if (kind.equals("/")) {
        depth = Math.max(0, depth - 1);
      } else if (!(kind.equals("^") && tag.group(2) != null)) { // {{^}} alone is an else
        depth++;
        if (depth > MAX_DEPTH) {
          throw new EmailTemplates.TooDeep(
              "%s: blocks nested more than %d deep (line %d)"
                  .formatted(name, MAX_DEPTH, line(text, tag.start())));
        }
      }
    }
    return source;
  }

  /** The same number of lines, so that a line number after a comment stays right. */
  private static String blank(String comment) {
    return Matcher.quoteReplacement(comment.replaceAll("[^\n]", " "));
  }

  private static int line(String text, int at) {
    int line = 1;
    for (int i = 0; i < at; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }
}
