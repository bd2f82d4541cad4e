package com.ordercloudhub.hub.impact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The impact run's parts that need no hub: the read-only rule, the line diff, file paths. */
class ImpactPartsTest {

  @Test
  void onlyReadingStatementsPass() {
    assertThat(ReadOnlyDataSource.reads("SELECT * FROM hub_event WHERE id = ?")).isTrue();
    assertThat(ReadOnlyDataSource.reads("  /* x */ select 'insert into' AS text")).isTrue();
    assertThat(ReadOnlyDataSource.reads("WITH t AS (SELECT 1) SELECT * FROM t")).isTrue();
    assertThat(ReadOnlyDataSource.reads("(SELECT 1) UNION (SELECT 2)")).isTrue();
    for (String write :
        List.of(
            "INSERT INTO hub_event VALUES (1)",
            "update hub_event set x = 1",
            "DELETE FROM hub_event",
            "MERGE INTO oc_order KEY (id) VALUES (1)",
            "SELECT id FROM hub_delivery_leg FOR UPDATE SKIP LOCKED",
            "WITH gone AS (DELETE FROM hub_event RETURNING id) SELECT * FROM gone",
            "SELECT nextval('seq')",
            "CALL something()",
            "")) {
      assertThat(ReadOnlyDataSource.reads(write)).as(write).isFalse();
    }
    assertThat(ReadOnlyDataSource.reads(null)).isFalse();
  }

  @Test
  void theLineDiffListsRemovedThenAddedLinesInOrder() {
    assertThat(LineDiff.changed("a\nb\nc\nd", "a\nB\nc\nd\ne", 100))
        .containsExactly("- b", "+ B", "+ e");
    assertThat(LineDiff.changed(null, "x", 100)).containsExactly("+ x");
    assertThat(LineDiff.changed("same", "same", 100)).isEmpty();
    assertThat(LineDiff.changed("a\nb\nc", "c", 2))
        .containsExactly("(over 2 lines: see the paths)");
  }

  @Test
  void proposedPathsStayInTheirFoldersAndWithinBounds() {
    Map<String, byte[]> ok = new LinkedHashMap<>();
    ok.put("mappings/erp/sales-order.jsonata", bytes("$"));
    ok.put("templates/email/orderapproved.html.hbs", bytes("<p>{{x}}</p>"));
    assertThat(ProposedFiles.check(ok, false, 5, 100)).containsOnlyKeys(ok.keySet());
    assertThatThrownBy(
            () ->
                ProposedFiles.check(
                    Map.of("routes/events/a.camel.yaml", bytes("- route: {}")), false, 5, 100))
        .hasMessageContaining("route files are code");
    assertThat(
            ProposedFiles.check(
                Map.of("routes/events/a.camel.yaml", bytes("- route: {}")), true, 5, 100))
        .containsKey("routes/events/a.camel.yaml");
    assertThatThrownBy(() -> ProposedFiles.check(ok, false, 1, 100))
        .hasMessageContaining("at most 1 (hub.impact.max-files)");
    assertThatThrownBy(
            () -> ProposedFiles.check(Map.of("mappings/a.jsonata", new byte[101]), false, 5, 100))
        .hasMessageContaining("at most 100 (hub.impact.max-file-size)");
    assertThatThrownBy(
            () ->
                ProposedFiles.check(
                    Map.of("mappings/a.jsonata", new byte[] {(byte) 0xC3}), false, 5, 100))
        .hasMessageContaining("not UTF-8");
    for (String bad :
        List.of(
            "mappings/../../etc/passwd.jsonata",
            "mappings/./a.jsonata",
            "mappings//a.jsonata",
            "C:/mappings/a.jsonata",
            "mappings\\\\a.jsonata",
            "mappings/a b.jsonata",
            "mappings/ä.jsonata")) {
      assertThatThrownBy(() -> ProposedFiles.checkPath(bad, true)).as(bad).isNotNull();
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
