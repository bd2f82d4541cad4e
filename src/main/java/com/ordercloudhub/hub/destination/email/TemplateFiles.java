package com.ordercloudhub.hub.destination.email;

import com.github.jknack.handlebars.HandlebarsException;
import com.github.jknack.handlebars.Template;
import com.ordercloudhub.hub.check.Names;
import com.ordercloudhub.hub.event.MessageTypes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every file in the email templates folder, looked at as the hub will use it: a Mandrill drop-in
 * {@code <MessageType>.html} must be named after a message type (any case) and compile; a hub
 * template {@code <type>.{subject,html,text}.hbs} of a type (or the order notice, or one a route
 * sends to) must compile with its partials. A drop-in whose name is no type gets the nearest one as
 * a hint. Used by the route check (build, {@code -Pcheck-routes}, live reload) and at start (the
 * {@code templates} health component). Files of other kinds (a README, images) and the {@code
 * partials/} folder are not looked at on their own.
 */
final class TemplateFiles {

  static final String NOTICE = "order-notice";
  private static final List<String> PARTS = List.of("subject", "html", "text");

  /** One file's problem: where, what, and the fix. */
  record Finding(Path file, int line, int column, String problem, String fix, boolean compile) {
    @Override
    public String toString() {
      return file.getFileName() + (line > 0 ? ":" + line : "") + ": " + problem;
    }
  }

  private static final Map<String, String> TYPES_BY_LOWER =
      MessageTypes.ALL.stream()
          .collect(Collectors.toMap(t -> t.toLowerCase(Locale.ROOT), Function.identity()));

  private TemplateFiles() {}

  /** The findings for the folder, in file-name order; empty when every file is usable. */
  static List<Finding> inspect(Path folder) {
    return inspect(folder, Set.of());
  }

  /**
   * @param sentTo templates the routes send to besides the message types' (the route check's
   *     fixtures name types of their own)
   */
  static List<Finding> inspect(Path folder, Set<String> sentTo) {
    List<Finding> findings = new ArrayList<>();
    if (!Files.isDirectory(folder)) {
      return findings;
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(folder)) {
      files = list.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      findings.add(
          new Finding(folder, 0, 0, "cannot be listed: " + e.getMessage(), "check it", false));
      return findings;
    }
    for (Path file : files) {
      String name = file.getFileName().toString();
      String lower = name.toLowerCase(Locale.ROOT);
      if (lower.endsWith(".hbs")) {
        hubTemplate(folder, file, name.substring(0, name.length() - 4), sentTo, findings);
      } else if (lower.endsWith(".html") || lower.endsWith(".htm")) {
        dropIn(file, name.substring(0, name.lastIndexOf('.')), findings);
      }
    }
    return findings;
  }

  private static void dropIn(Path file, String type, List<Finding> findings) {
    if (!MessageTypes.isKnown(type) || !file.getFileName().toString().endsWith(".html")) {
      findings.add(
          new Finding(
              file,
              0,
              0,
              "%s is not a message type%s"
                  .formatted(
                      file.getFileName(),
                      nearest(type).map(t -> "; did you mean " + t + "?").orElse("")),
              "a Mandrill template is used only when named <MessageType>.html, e.g. %s.html; this file is ignored"
                  .formatted(nearest(type).orElse("OrderSubmitted")),
              false));
      return;
    }
    String source;
    Template template;
    try {
      source = Files.readString(file);
      template = EmailTemplates.compileMandrill(file, source);
    } catch (IOException | RuntimeException e) {
      findings.add(failed(file, e));
      return;
    }
    String canonical = MessageTypes.canonical(type).orElse(type);
    List<TemplateVariables.Unknown> unknowns;
    try {
      unknowns =
          EmailTemplates.bounded(
              () ->
                  TemplateVariables.unknown(
                      template, source, canonical, EmailTemplates.checking()));
    } catch (IOException | RuntimeException e) {
      findings.add(failed(file, e));
      return;
    }
    for (TemplateVariables.Unknown unknown : unknowns) {
      findings.add(
          new Finding(
              file,
              unknown.line(),
              unknown.column(),
              "%s uses %s, which no %s message has%s"
                  .formatted(
                      file.getFileName(),
                      unknown.name(),
                      canonical,
                      unknown.nearest().map(n -> "; did you mean " + n + "?").orElse("")),
              "it would render empty in every e-mail; use a merge variable of %s (README, \"Variables\")"
                  .formatted(canonical),
              false));
    }
  }

  private static void hubTemplate(
      Path folder, Path file, String stem, Set<String> sentTo, List<Finding> findings) {
    int dot = stem.lastIndexOf('.');
    String base = dot < 0 ? stem : stem.substring(0, dot);
    String part = dot < 0 ? "" : stem.substring(dot + 1);
    if (!PARTS.contains(part)) {
      findings.add(
          new Finding(
              file,
              0,
              0,
              "%s is not a subject, html or text template".formatted(file.getFileName()),
              "name it <type>.subject.hbs, <type>.html.hbs or <type>.text.hbs",
              false));
      return;
    }
    if (!base.equals(NOTICE) && !TYPES_BY_LOWER.containsKey(base) && !sentTo.contains(base)) {
      return; // a template no type and no route uses is never rendered: nothing to check
    }
    try {
      EmailTemplates.compile(folder, stem);
    } catch (IOException | RuntimeException e) {
      findings.add(failed(file, e));
    }
  }

  /** The message type nearest to a name that is none (any case). */
  static Optional<String> nearest(String name) {
    return Names.closest(name.toLowerCase(Locale.ROOT), TYPES_BY_LOWER.keySet())
        .map(TYPES_BY_LOWER::get);
  }

  private static Finding failed(Path file, Exception e) {
    int line = 0;
    int column = 0;
    String reason = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
    if (e instanceof HandlebarsException handlebars && handlebars.getError() != null) {
      line = handlebars.getError().line;
      column = handlebars.getError().column;
      reason = "line " + line + ": " + handlebars.getError().reason;
    }
    return new Finding(
        file,
        line,
        column,
        "%s does not compile: %s"
            .formatted(file.getFileName(), reason.replaceAll("\\s+", " ").trim()),
        "correct the template at the line named (every {{#if}}/{{#each}} closed, partials in partials/)",
        true);
  }
}
