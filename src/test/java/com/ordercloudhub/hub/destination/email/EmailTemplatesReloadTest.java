package com.ordercloudhub.hub.destination.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Editing an email template: with {@code hub.mail.cache-templates=false} (the dev profile) the next
 * email uses the edited file and the edited partial at once; with the default cache the compiled
 * template is kept until a restart.
 */
class EmailTemplatesReloadTest {

  @TempDir Path folder;

  private EmailTemplates templates(boolean cache) throws IOException {
    Files.createDirectories(folder.resolve("partials"));
    Files.writeString(folder.resolve("greeting.text.hbs"), "Hello {{name}}. {{> partials/footer}}");
    Files.writeString(folder.resolve("partials/footer.hbs"), "Bye.");
    return new EmailTemplates(TestMailProperties.of("out", folder.toString(), cache));
  }

  @Test
  void withoutTheCacheAnEditedTemplateAndPartialApplyToTheNextEmail() throws IOException {
    EmailTemplates templates = templates(false);
    assertThat(render(templates)).isEqualTo("Hello Ann. Bye.\n");

    Files.writeString(folder.resolve("greeting.text.hbs"), "Hi {{name}}! {{> partials/footer}}");
    Files.writeString(folder.resolve("partials/footer.hbs"), "See you.");

    assertThat(render(templates)).isEqualTo("Hi Ann! See you.\n");
  }

  @Test
  void withTheCacheTheCompiledTemplateIsKept() throws IOException {
    EmailTemplates templates = templates(true);
    assertThat(render(templates)).isEqualTo("Hello Ann. Bye.\n");

    Files.writeString(folder.resolve("greeting.text.hbs"), "Hi {{name}}! {{> partials/footer}}");

    assertThat(render(templates)).isEqualTo("Hello Ann. Bye.\n");
  }

  private static String render(EmailTemplates templates) {
    return templates.render("greeting", EmailTemplates.Part.TEXT, Map.of("name", "Ann"));
  }
}
