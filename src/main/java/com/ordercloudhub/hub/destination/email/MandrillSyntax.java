package com.ordercloudhub.hub.destination.email;

import com.github.jknack.handlebars.io.FileTemplateLoader;
import com.github.jknack.handlebars.io.TemplateSource;
import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Mandrill's template language accepts and Handlebars.java's parser does not, written as
 * Handlebars before a template is compiled: {@code {{--NAME}}} (OrderCloud's return templates write
 * their rows so; the dashes are blanked, so lines and columns in an error stay where the author
 * sees them) and Mailchimp's {@code *|NAME|*} merge tags (as {@code {{NAME}}}). Comments ({@code
 * {{!-- … --}}}) and whitespace control ({@code {{~}}) are untouched.
 */
final class MandrillSyntax {

  /** {@code {{--NAME}}} or {@code {{{--NAME}}}}: dashes right after the braces, then a name. */
  private static final Pattern DASHES = Pattern.compile("(\\{\\{\\{?)(-+)(?=[\\p{L}_@.])");

  /** A plain Mailchimp merge tag; conditional ones ({@code *|IF:X|*}) have a colon, not matched. */
  private static final Pattern MAILCHIMP = Pattern.compile("\\*\\|([A-Za-z][A-Za-z0-9_]*)\\|\\*");

  private MandrillSyntax() {}

  static String toHandlebars(String source) {
    Matcher dashes = DASHES.matcher(source);
    StringBuilder out = new StringBuilder(source.length());
    while (dashes.find()) {
      dashes.appendReplacement(
          out, Matcher.quoteReplacement(dashes.group(1) + " ".repeat(dashes.group(2).length())));
    }
    dashes.appendTail(out);
    return MAILCHIMP.matcher(out).replaceAll("{{$1}}");
  }

  /** The folder's templates (and partials), read as {@link #toHandlebars} writes them. */
  static final class Loader extends FileTemplateLoader {

    private final Path folder;

    Loader(File folder, String suffix) {
      super(folder, suffix);
      this.folder = folder.toPath().toAbsolutePath().normalize();
    }

    /**
     * A template or partial inside the folder only: {@code {{> ../../x}}} would otherwise read any
     * {@code .hbs} file the hub can read (a template proposed to the change impact is an operator's
     * upload).
     */
    @Override
    public TemplateSource sourceAt(String location) throws IOException {
      Path file = Path.of(resolve(location)).toAbsolutePath().normalize();
      if (!file.startsWith(folder)) {
        throw new FileNotFoundException(
            "The partial '" + location + "' is outside the templates folder");
      }
      return new Source(super.sourceAt(location));
    }
  }

  /** A file's source as Handlebars; equal when the file is (the template cache keys on it). */
  private record Source(TemplateSource file) implements TemplateSource {

    @Override
    public String content(Charset charset) throws IOException {
      return TemplateNesting.checked(filename(), toHandlebars(file.content(charset)));
    }

    @Override
    public String filename() {
      return file.filename();
    }

    @Override
    public long lastModified() {
      return file.lastModified();
    }
  }
}
