package com.ordercloudhub.hub.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/** The insert by position is the named insert as Spring would run it, value for value. */
class GroupCommitInsertTest {

  @Test
  void theInsertByPositionIsTheNamedOneWithItsParametersInOrder() {
    assertThat(GroupCommit.INSERT_BY_POSITION)
        .doesNotContain(":")
        .contains("VALUES (?, ?, ?, ?, ?, ?, ?, ?,")
        .contains("?, ?, ?, ?, ?,");
    assertThat(GroupCommit.INSERT_BY_POSITION.chars().filter(c -> c == '?')).hasSize(19);
    assertThat(GroupCommit.INSERT_PARAMETERS)
        .containsExactly(
            "id",
            "kind",
            "eventType",
            "route",
            "verb",
            "logId",
            "messageType",
            "ocLogId",
            "recipient",
            "dedupeKey",
            "bodySha256",
            "bodyBytes",
            "occurredAt",
            "receivedAt",
            "payload",
            "sealedSecrets",
            "dispatchDueAt",
            "businessKey",
            "origin");
  }

  @Test
  void eachValueIsSetAtItsPositionAndAMissingOneIsRefused() throws Exception {
    List<String> calls = new ArrayList<>();
    PreparedStatement ps =
        (PreparedStatement)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {PreparedStatement.class},
                (proxy, method, args) -> {
                  if (method.getName().startsWith("set")) {
                    calls.add(method.getName() + " " + args[0] + " " + args[1]);
                  }
                  if (method.getName().equals("getConnection")) {
                    throw new java.sql.SQLFeatureNotSupportedException();
                  }
                  return null;
                });
    MapSqlParameterSource params = new MapSqlParameterSource();
    for (String name : GroupCommit.INSERT_PARAMETERS) {
      params.addValue(name, name.equals("bodyBytes") ? (Object) 42 : name + "-value");
    }

    GroupCommit.setInsertValues(ps, params);

    assertThat(calls)
        .hasSize(19)
        .startsWith("setString 1 id-value", "setString 2 kind-value")
        .contains("setObject 12 42", "setString 17 dispatchDueAt-value")
        .endsWith("setString 18 businessKey-value", "setString 19 origin-value");
    MapSqlParameterSource withoutRoute = new MapSqlParameterSource();
    params.getValues().entrySet().stream()
        .filter(e -> !e.getKey().equals("route"))
        .forEach(e -> withoutRoute.addValue(e.getKey(), e.getValue()));
    assertThatThrownBy(() -> GroupCommit.setInsertValues(ps, withoutRoute))
        .isInstanceOf(InvalidDataAccessApiUsageException.class)
        .hasMessageContaining("route");
  }
}
