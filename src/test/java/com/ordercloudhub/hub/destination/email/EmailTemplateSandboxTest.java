package com.ordercloudhub.hub.destination.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.jknack.handlebars.Context;
import com.github.jknack.handlebars.Template;
import com.ordercloudhub.hub.delivery.PermanentDeliveryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
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
    // the block helpers, each wrapped to check the render's budget, work as Handlebars' own
    assertThat(
            render(
                "{{#with Recipient}}{{Email}}{{/with}} {{#unless missing}}u{{/unless}}"
                    + " {{#if name}}i{{else}}e{{/if}} {{#each list}}{{@index}}{{this}}{{/each}}",
                Map.of("Recipient", recipient, "name", "Ann", "list", List.of("a", "b"))))
        .isEqualTo("ann@example.com u i 0a1b\n");
  }

  @Test
  void blocksNestedDeeperThanTheBoundAreThatTemplatesFailureOnEveryThread() throws IOException {
    String deep = "{{#if a}}".repeat(101) + "x" + "{{/if}}".repeat(101);

    assertThatThrownBy(() -> render("Hi\n" + deep, Map.of("a", true)))
        .isInstanceOf(PermanentDeliveryException.class)
        .hasMessageContaining("probe.text.hbs")
        .hasMessageContaining("blocks nested more than 100 deep (line 2)");
    // the route check and the change impact compile it the same way
    Files.writeString(folder.resolve("probe.text.hbs"), deep);
    assertThatThrownBy(() -> EmailTemplates.compile(folder, "probe.text"))
        .isInstanceOf(RuntimeException.class)
        .hasMessageContaining("blocks nested more than 100 deep");
    // at the bound it renders; an else ({{^}}) and tags in a comment are no blocks
    String atTheBound =
        "{{!-- {{#if a}}{{#if a}} --}}"
            + "{{#if a}}".repeat(100)
            + "x{{^}}y"
            + "{{/if}}".repeat(100);
    assertThat(render(atTheBound, Map.of("a", true))).isEqualTo("x\n");
  }

  @Test
  void anExpressionNestedDeeperThanTheStackIsThatTemplatesFailure() throws IOException {
    // no block: sub-expressions, 8,000 deep, overflow Handlebars' parser on any thread
    String deep = "{{date " + "(date ".repeat(8_000) + "x" + ")".repeat(8_000) + "}}";

    assertThatThrownBy(() -> render(deep, Map.of()))
        .isInstanceOf(PermanentDeliveryException.class)
        .hasMessageContaining("nested too deeply to compile or render");
    assertThat(render("Hello {{name}}", Map.of("name", "Ann"))).isEqualTo("Hello Ann\n");
  }

  @Test
  void aPartialThatIncludesItselfIsThatTemplatesFailure() throws IOException {
    // no block nests here: Handlebars finds the loop itself (what it cannot find, the stack's
    // overflow, is that template's failure too: EmailTemplates.bounded)
    Files.writeString(folder.resolve("partials/self.hbs"), "x{{> partials/self}}");

    assertThatThrownBy(() -> render("{{> partials/self}}", Map.of()))
        .isInstanceOf(PermanentDeliveryException.class)
        .hasMessageContaining("infinite loop detected");
    assertThat(render("Hello {{name}}", Map.of("name", "Ann"))).isEqualTo("Hello Ann\n");
  }

  @Test
  @Timeout(60)
  void aTemplateWritingWithoutEndIsStoppedAtTheOutputBound() throws IOException {
    // 10^7 iterations of ten characters, in a file of a few hundred bytes
    String loops = "{{#each a}}".repeat(7) + "0123456789" + "{{/each}}".repeat(7);
    Map<String, Object> model = Map.of("a", List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));

    assertThatThrownBy(() -> render(loops, model))
        .isInstanceOf(PermanentDeliveryException.class)
        .hasMessageContaining("probe.text.hbs")
        .hasMessageContaining(
            "rendering wrote more than " + RenderBudget.MAX_OUTPUT + " characters");
    assertThat(render("Hello {{name}}", Map.of("name", "Ann"))).isEqualTo("Hello Ann\n");
  }

  @Test
  @Timeout(60) // without the bound it would run for days
  void aTemplateLoopingWithoutWritingIsStoppedAtTheTimeBound() throws IOException {
    // 10^12 iterations that write nothing: only the time bound stops them
    Template loops =
        EmailTemplates.checking().compileInline("{{#each a}}".repeat(12) + "{{/each}}".repeat(12));
    Context context =
        Context.newBuilder(Map.of("a", List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)))
            .resolver(TemplateValues.INSTANCE)
            .build();

    assertThatThrownBy(
            () ->
                RenderBudget.within(
                    Duration.ofMillis(300),
                    RenderBudget.MAX_OUTPUT,
                    out -> loops.apply(context, out)))
        .isInstanceOf(RuntimeException.class) // Handlebars wraps what a helper throws
        .hasMessageContaining("rendering took longer than 300 ms");
  }
}
