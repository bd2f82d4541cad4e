package com.ordercloudhub.hub.destination.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ordercloudhub.hub.delivery.PermanentDeliveryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A partial is read from the templates folder only: a template (an operator may propose one to the
 * change impact) cannot include {@code {{> ../../x}}}, any other {@code .hbs} file the hub can
 * read.
 */
class EmailTemplatePartialsTest {

  @TempDir Path root;

  private Path folder;

  @BeforeEach
  void files() throws IOException {
    folder = root.resolve("templates/email");
    Files.createDirectories(folder.resolve("partials"));
    Files.writeString(folder.resolve("partials/footer.hbs"), "Bye.");
    Files.writeString(root.resolve("outside.hbs"), "OUTSIDE-SECRET");
  }

  private EmailTemplates templates() {
    return new EmailTemplates(TestMailProperties.of("out", folder.toString(), false));
  }

  private String render(String source) throws IOException {
    Files.writeString(folder.resolve("greeting.text.hbs"), source);
    return templates().render("greeting", EmailTemplates.Part.TEXT, Map.of("name", "Ann"));
  }

  @Test
  void aPartialInTheFolderIsIncluded() throws IOException {
    assertThat(render("Hello {{name}}. {{> partials/footer}}")).isEqualTo("Hello Ann. Bye.\n");
  }

  @Test
  void aPartialOutsideTheFolderIsRefused() {
    assertThatThrownBy(() -> render("Hello {{> ../../outside}}"))
        .isInstanceOf(PermanentDeliveryException.class)
        .hasMessageContaining("outside the templates folder")
        .hasMessageNotContaining("OUTSIDE-SECRET");
    assertThatThrownBy(() -> render("Hello {{> partials/../../../outside}}"))
        .isInstanceOf(PermanentDeliveryException.class)
        .hasMessageContaining("outside the templates folder");
  }
}
