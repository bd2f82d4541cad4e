package com.ordercloudhub.hub.destination.email;

import com.github.jknack.handlebars.EscapingStrategy;
import com.github.jknack.handlebars.Handlebars;
import com.github.jknack.handlebars.Template;
import com.github.jknack.handlebars.cache.ConcurrentMapTemplateCache;
import com.github.jknack.handlebars.cache.NullTemplateCache;
import com.github.jknack.handlebars.io.FileTemplateLoader;
import com.ordercloudhub.hub.delivery.PermanentDeliveryException;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Email templates: Handlebars files in {@code templates/email/}, three per email, {@code
 * <name>.subject.hbs}, {@code <name>.html.hbs} and {@code <name>.text.hbs}. Only the HTML part is
 * HTML-escaped. Helpers: {@code {{money Total Currency}}} and {@code {{date DateSubmitted}}}.
 */
@Component
public class EmailTemplates {

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
    FileTemplateLoader loader = new FileTemplateLoader(folder.toFile(), ".hbs");
    this.html = configure(new Handlebars(loader), properties.cacheTemplates());
    this.plain =
        configure(new Handlebars(loader).with(EscapingStrategy.NOOP), properties.cacheTemplates());
  }

  private static Handlebars configure(Handlebars handlebars, boolean cache) {
    handlebars.with(cache ? new ConcurrentMapTemplateCache() : NullTemplateCache.INSTANCE);
    handlebars.registerHelper("money", (value, options) -> money(value, options.param(0, "")));
    handlebars.registerHelper("date", (value, options) -> date(value));
    return handlebars;
  }

  public boolean exists(String name) {
    return Files.isRegularFile(folder.resolve(Part.HTML.file(name) + ".hbs"));
  }

  /**
   * @throws PermanentDeliveryException when the template is missing or fails, naming the file
   */
  public String render(String name, Part part, Object model) {
    String file = part.file(name);
    try {
      Template template = (part == Part.HTML ? html : plain).compile(file);
      String out = template.apply(model);
      return part == Part.SUBJECT ? out.replaceAll("\\s+", " ").trim() : out;
    } catch (IOException | RuntimeException e) {
      throw new PermanentDeliveryException(
          "Email template " + folder.resolve(file + ".hbs") + " failed: " + e.getMessage(), e);
    }
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
          .format(DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'xxx", Locale.ENGLISH));
    } catch (DateTimeParseException e) {
      return value.toString();
    }
  }
}
