package com.ordercloudhub.hub.destination.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.ordercloudhub.hub.delivery.PermanentDeliveryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a template can do with the model it renders (an operator may propose one to the change
 * impact, and the same rendering delivers e-mails): read values, never call a method on them; and a
 * template nested deeper than a thread's stack is that template's error, not the thread's.
 */
class EmailTemplateSandboxTest {

  @TempDir Path root;

  private Path folder;

  @BeforeEach
  void folder() throws IOException {
    folder = root.resolve("templates/email");
    Files.createDirectories(folder.resolve("partials"));
  }

  private EmailTemplates templates() {
    return new EmailTemplates(TestMailProperties.of("out", folder.toString(), false));
  }

  private String render(String source, Object model) throws IOException {
    Files.writeString(folder.resolve("probe.text.hbs"), source);
    return templates().render("probe", EmailTemplates.Part.TEXT, model);
  }

  @Test
  void aTemplateReadsTheModelButCallsNoMethodOnIt() throws IOException {
    Map<String, Object> recipient = new LinkedHashMap<>();
    recipient.put("Email", "ann@example.com");
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("Recipient", recipient);
    model.put("name", "Ann");

    String out =
        render(
            "{{Recipient.clear}}[{{Recipient.Email}}] {{name}} <{{name.toUpperCase}}>"
                + "<{{Recipient.hashCode}}><{{Recipient.keySet}}><{{Recipient.class}}><{{name.class}}>",
            model);

    assertThat(out).isEqualTo("[ann@example.com] Ann <><><><><>\n");
    assertThat(recipient).containsEntry("Email", "ann@example.com");
  }

  @Test
  void aTemplateNestedDeeperThanTheStackIsThatTemplatesFailure() throws IOException {
    String deep = "{{#if a}}".repeat(8_000) + "x" + "{{/if}}".repeat(8_000);

    assertThatThrownBy(() -> render(deep, Map.of("a", true)))
        .isInstanceOf(PermanentDeliveryException.class)
        .hasMessageContaining("probe.text.hbs")
        .hasMessageContaining("nested too deeply");
    // the route check and the change impact compile it the same way
    Files.writeString(folder.resolve("probe.text.hbs"), deep);
    assertThatThrownBy(() -> EmailTemplates.compile(folder, "probe.text"))
        .isInstanceOf(RuntimeException.class)
        .hasMessageContaining("nested too deeply");
    // and the thread goes on rendering
    assertThat(render("Hello {{name}}", Map.of("name", "Ann"))).isEqualTo("Hello Ann\n");
  }
}
