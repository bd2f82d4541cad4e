package com.ordercloudhub.hub.destination.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.jknack.handlebars.Context;
import com.github.jknack.handlebars.Handlebars;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MandrillSyntaxTest {

  private static String render(String template, Object model) throws IOException {
    return new Handlebars()
        .compileInline(MandrillSyntax.toHandlebars(template))
        .apply(Context.newBuilder(model).resolver(TemplateValues.INSTANCE).build());
  }

  @Test
  void dashedNamesInsideEachRenderTheirItemsValues() throws IOException {
    Map<String, Object> model =
        Map.of(
            "returnitems",
            List.of(
                Map.of("LineItemID", "L1", "Quantity", 2, "RefundAmount", 18.5),
                Map.of("LineItemID", "L2", "Quantity", 1, "RefundAmount", 9)));

    assertThat(
            render(
                "{{#each returnitems}}[{{--LINEITEMID}}|{{--QUANTITY}}|{{{--REFUNDAMOUNT}}}]{{/each}}",
                model))
        .isEqualTo("[L1|2|18.5][L2|1|9]");
  }

  @Test
  void blankingKeepsLinesAndColumnsAndLeavesCommentsAndWhitespaceControl() {
    String source = "a {{--X}}\n{{!-- a comment --}} {{~y~}} {{-- z}}";

    String written = MandrillSyntax.toHandlebars(source);

    assertThat(written).isEqualTo("a {{  X}}\n{{!-- a comment --}} {{~y~}} {{-- z}}");
    assertThat(written).hasSameSizeAs(source);
  }

  @Test
  void mailchimpMergeTagsAreVariablesAndConditionalsAreLeft() throws IOException {
    assertThat(render("Hi *|FNAME|*, *|IF:X|*", Map.of("fname", "Jane")))
        .isEqualTo("Hi Jane, *|IF:X|*");
  }
}
