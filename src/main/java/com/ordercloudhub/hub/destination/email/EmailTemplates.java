package com.ordercloudhub.hub.destination.email;

import com.github.jknack.handlebars.Context;
import com.github.jknack.handlebars.EscapingStrategy;
import com.github.jknack.handlebars.Handlebars;
import com.github.jknack.handlebars.Helper;
import com.github.jknack.handlebars.Options;
import com.github.jknack.handlebars.Template;
import com.github.jknack.handlebars.cache.ConcurrentMapTemplateCache;
import com.github.jknack.handlebars.cache.NullTemplateCache;
import com.github.jknack.handlebars.context.JavaBeanValueResolver;
import com.github.jknack.handlebars.io.FileTemplateLoader;
import com.github.jknack.handlebars.io.StringTemplateSource;
import com.github.jknack.handlebars.io.TemplateSource;
import com.ordercloudhub.hub.delivery.PermanentDeliveryException;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * Email templates: Handlebars files in {@code templates/email/}, three per email, {@code
 * <name>.subject.hbs}, {@code <name>.html.hbs} and {@code <name>.text.hbs}. Only the HTML part is
 * HTML-escaped. Helpers: {@code {{money Total Currency}}} and {@code {{date DateSubmitted}}}.
 */
@Component
class EmailTemplates {

  /** The three parts of an email. */
  public enum Part {
    SUBJECT,
    HTML,
    TEXT;

    String file(String name) {
      return name + "." + name().toLowerCase(Locale.ROOT);
    }
  }

  private final Path folder;
  private final Handlebars html;
  private final Handlebars plain;

  public EmailTemplates(MailProperties properties) {
    this.folder = Path.of(properties.templatesDir());
    FileTemplateLoader loader = new MandrillSyntax.Loader(folder.toFile(), ".hbs");
    this.html = configure(new Handlebars(loader), properties.cacheTemplates());
    this.plain =
        configure(new Handlebars(loader).with(EscapingStrategy.NOOP), properties.cacheTemplates());
  }

  private static Handlebars configure(Handlebars handlebars, boolean cache) {
    handlebars.with(cache ? new ConcurrentMapTemplateCache() : NullTemplateCache.INSTANCE);
    // the block helpers check the render's budget (RenderBudget): each block's output and the time
    for (String block : List.of("each", "if", "unless", "with")) {
      Helper<Object> builtin = handlebars.helper(block);
      handlebars.registerHelper(
          block,
          (Object context, Options options) -> {
            RenderBudget.tick();
            Object out = builtin.apply(context, options);
            if (out instanceof CharSequence text) {
              RenderBudget.wrote(text);
            }
            return out;
          });
    }
    handlebars.registerHelper("money", (value, options) -> money(value, options.param(0, "")));
    handlebars.registerHelper("date", (value, options) -> date(value));
    // helpers OrderCloud's Mandrill templates use
    handlebars.registerHelper(
        "safehtml",
        (value, options) -> new Handlebars.SafeString(value == null ? "" : value.toString()));
    handlebars.registerHelper(
        "contains",
        (value, options) ->
            value != null && value.toString().contains(String.valueOf(options.param(0, "")))
                ? options.fn()
                : options.inverse());
    return handlebars;
  }

  /**
   * Compiles a template with its partials and the hub's helpers, exactly as rendering does, for the
   * route check.
   *
   * @throws IOException or a {@code HandlebarsException} naming the file, line and problem
   */
  public static void compile(Path folder, String name) throws IOException {
    bounded(
        () ->
            configure(new Handlebars(new MandrillSyntax.Loader(folder.toFile(), ".hbs")), false)
                .compile(name));
  }

  /**
   * Compiles a Mandrill drop-in as rendering compiles it.
   *
   * @throws IOException or a {@code HandlebarsException} naming the line and problem
   */
  static Template compileMandrill(Path file, String source) throws IOException {
    return bounded(() -> checking().compile(mandrillSource(file.getFileName().toString(), source)));
  }

  /**
   * A template nested too deep is that template's error: its blocks past {@link
   * TemplateNesting#MAX_DEPTH}, and, as the backstop for what has no blocks (8,000 nested
   * sub-expressions, say), a stack overflow, since Handlebars compiles and renders by recursion.
   */
  static final class TooDeep extends RuntimeException {
    TooDeep() {
      this("nested too deeply to compile or render");
    }

    TooDeep(String message) {
      super(message);
    }
  }

  interface Work<T> {
    T run() throws IOException;
  }

  /** Runs a compile or a render, its stack overflow as {@link TooDeep}. */
  static <T> T bounded(Work<T> work) throws IOException {
    try {
      return work.run();
    } catch (StackOverflowError e) {
      throw new TooDeep();
    }
  }

  /** A Handlebars with the hub's helpers and no cache, for the checks. */
  static Handlebars checking() {
    return configure(new Handlebars(), false);
  }

  /** A drop-in as Handlebars, named by its file so that an error names it too. */
  private static TemplateSource mandrillSource(Path file) throws IOException {
    return mandrillSource(file.getFileName().toString(), Files.readString(file));
  }

  private static TemplateSource mandrillSource(String name, String source) {
    return new StringTemplateSource(
        name, TemplateNesting.checked(name, MandrillSyntax.toHandlebars(source)));
  }

  public boolean exists(String name) {
    return Files.isRegularFile(folder.resolve(Part.HTML.file(name) + ".hbs"));
  }

  /**
   * A Mandrill template dropped in as it is: {@code <MessageType>.html}, named after the message
   * type in any case (OrderCloud's Mandrill templates are named so).
   */
  public Optional<Path> mandrillTemplate(String messageType) {
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .filter(p -> p.getFileName().toString().equalsIgnoreCase(messageType + ".html"))
          .findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * @throws PermanentDeliveryException when the template is missing or fails, naming the file
   */
  public String render(String name, Part part, Object model) {
    String file = part.file(name);
    try {
      return finish(
          part, bounded(() -> apply((part == Part.HTML ? html : plain).compile(file), model)));
    } catch (IOException | RuntimeException e) {
      throw new PermanentDeliveryException(
          "Email template " + folder.resolve(file + ".hbs") + " failed: " + e.getMessage(), e);
    }
  }

  /** A template given as text (a configured subject, say). */
  public String renderInline(String source, Part part, Object model) {
    try {
      return finish(
          part,
          bounded(
              () ->
                  apply(
                      (part == Part.HTML ? html : plain)
                          .compileInline(TemplateNesting.checked("inline template", source)),
                      model)));
    } catch (IOException | RuntimeException e) {
      throw new PermanentDeliveryException(
          "Email template \"" + source + "\" failed: " + e.getMessage(), e);
    }
  }

  /** A Mandrill template file, HTML-escaped like Mandrill's Handlebars. */
  public String renderMandrill(Path file, Object model) {
    try {
      return bounded(() -> apply(html.compile(mandrillSource(file)), model));
    } catch (IOException | RuntimeException e) {
      throw new PermanentDeliveryException(
          "Mandrill template " + file + " failed: " + e.getMessage(), e);
    }
  }

  /** Renders within a render's budget of time and output (RenderBudget). */
  private static String apply(Template template, Object model) throws IOException {
    return RenderBudget.within(out -> template.apply(context(model), out));
  }

  /**
   * The model's values by name (maps, any case) and bean getters; no method resolver, so a template
   * (an operator may propose one) calls no method by name on the model ({@code {{Recipient.clear}}}
   * emptied the recipient when it could).
   */
  private static Context context(Object model) {
    return Context.newBuilder(model)
        .resolver(TemplateValues.INSTANCE, JavaBeanValueResolver.INSTANCE)
        .build();
  }

  private static String finish(Part part, String out) {
    return switch (part) {
      case SUBJECT -> out.replaceAll("\\s+", " ").trim();
      // templates' block tags leave blank lines behind: at most one in a row in plain text
      case TEXT -> out.replaceAll("[ \\t]+\n", "\n").replaceAll("\n{3,}", "\n\n").strip() + "\n";
      case HTML -> out;
    };
  }

  static String money(Object value, Object currency) {
    if (value == null) {
      return "";
    }
    try {
      BigDecimal amount = new BigDecimal(value.toString()).setScale(2, RoundingMode.HALF_UP);
      String code = currency == null ? "" : currency.toString();
      return code.isBlank() ? amount.toPlainString() : amount.toPlainString() + " " + code;
    } catch (NumberFormatException e) {
      return value.toString();
    }
  }

  static String date(Object value) {
    if (value == null) {
      return "";
    }
    try {
      return OffsetDateTime.parse(value.toString())
              .withOffsetSameInstant(java.time.ZoneOffset.UTC)
              .format(DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH))
          + " UTC";
    } catch (DateTimeParseException e) {
      return value.toString();
    }
  }
}
