package com.ordercloudhub.hub.destination.email;

import com.ordercloudhub.hub.check.CheckContext;
import com.ordercloudhub.hub.check.Location;
import com.ordercloudhub.hub.check.Problem;
import com.ordercloudhub.hub.check.Reference;
import com.ordercloudhub.hub.check.RouteModel;
import com.ordercloudhub.hub.check.RouteRule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The route check's rule for the email destination: every email a routing decision implies has its
 * templates, and they compile as rendering compiles them. A {@code message.<type>} routing route
 * ({@code event-message-<type>}) sending to {@code direct:email-deliver-event} needs {@code
 * <type>.{subject,html,text}.hbs} (a Mandrill {@code <Type>.html} stands in for the HTML part); a
 * send to {@code direct:notice-deliver-event} needs {@code order-notice.*.hbs}. Registered in
 * {@code META-INF/services/com.ordercloudhub.hub.check.RouteRule}, so the core check never names
 * this package. Then every file in the folder, drop-ins included, is named after a message type
 * (else the nearest one is suggested) and compiles ({@link TemplateFiles}).
 */
public final class EmailTemplateRule implements RouteRule {

  private static final String EMAIL = "email-deliver-event";
  private static final String NOTICE = "notice-deliver-event";
  private static final String NOTICE_TEMPLATE = "order-notice";
  private static final String MESSAGE_ROUTE = "event-message-";
  private static final List<String> PARTS = List.of("subject", "html", "text");

  @Override
  public List<Problem> check(RouteModel model, CheckContext context) {
    List<Problem> problems = new ArrayList<>();
    Path folder = context.directory("hub.mail.templates-dir", "templates/email");
    Set<Path> compiled = new HashSet<>();
    Set<String> sentTo = new HashSet<>();
    for (Reference target : model.directTargets()) {
      String template = template(target);
      if (template == null) {
        continue;
      }
      sentTo.add(template);
      for (String part : PARTS) {
        Path file = folder.resolve(template + "." + part + ".hbs");
        if (Files.isRegularFile(file)) {
          if (compiled.add(file.toAbsolutePath().normalize())) {
            compile(target, folder, template + "." + part, file, problems);
          }
        } else if (!(part.equals("html") && mandrill(folder, template))) {
          problems.add(
              Problem.at(
                  target.at(),
                  "%s sends to direct:%s, whose email needs the template %s, which does not exist"
                      .formatted(target.owner(), target.name(), file),
                  "add it (every email has %s.subject.hbs, .html.hbs and .text.hbs in %s)",
                  template,
                  folder));
        }
      }
    }
    // every file in the folder, sent to by a route or not: a misnamed drop-in is ignored at run
    // time, and a broken one would fall back to the built-in template
    for (TemplateFiles.Finding finding : TemplateFiles.inspect(folder, sentTo)) {
      if (finding.compile() && compiled.contains(finding.file().toAbsolutePath().normalize())) {
        continue; // reported at the send above
      }
      problems.add(
          Problem.at(
              new Location(finding.file(), Math.max(1, finding.line()), finding.column()),
              finding.problem(),
              "%s",
              finding.fix()));
    }
    return problems;
  }

  /** The template a send implies; null when it sends no email. */
  private static String template(Reference target) {
    if (target.name().equals(NOTICE)) {
      return NOTICE_TEMPLATE;
    }
    if (target.name().equals(EMAIL)
        && target.routeId() != null
        && target.routeId().startsWith(MESSAGE_ROUTE)) {
      return target.routeId().substring(MESSAGE_ROUTE.length());
    }
    return null;
  }

  /** A template (with its partials) compiles as Handlebars; each file is compiled once. */
  private static void compile(
      Reference target, Path folder, String name, Path file, List<Problem> problems) {
    try {
      EmailTemplates.compile(folder, name);
    } catch (IOException | RuntimeException e) {
      problems.add(
          Problem.at(
              target.at(),
              "%s sends to direct:%s, whose template %s does not compile: %s"
                  .formatted(
                      target.owner(),
                      target.name(),
                      file,
                      Problem.oneLine(String.valueOf(e.getMessage()))),
              "correct the Handlebars at the line named (every {{#if}}/{{#each}} closed, partials in %s/partials)",
              folder));
    }
  }

  /** A Mandrill template {@code <Type>.html} in the folder (as the hub looks: not below it). */
  private static boolean mandrill(Path folder, String type) {
    if (!Files.isDirectory(folder)) {
      return false;
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .filter(Files::isRegularFile)
          .anyMatch(p -> p.getFileName().toString().equalsIgnoreCase(type + ".html"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
