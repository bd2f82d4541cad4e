package com.ordercloudhub.hub.support;

import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/** Reads the hub's tables directly, to assert what was (not) stored. */
public final class StoreProbe {

  private final JdbcTemplate jdbc;

  public StoreProbe(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public int events() {
    return jdbc.queryForObject("SELECT COUNT(*) FROM hub_event", Integer.class);
  }

  public int eventsWithLogId(String logId) {
    return jdbc.queryForObject(
        "SELECT COUNT(*) FROM hub_event WHERE log_id = ?", Integer.class, logId);
  }

  public Map<String, Object> event(String id) {
    return jdbc.queryForMap("SELECT * FROM hub_event WHERE id = ?", id);
  }

  public int decisionsFor(String logId) {
    return jdbc.queryForObject(
        "SELECT COUNT(*) FROM hub_prehook_decision d JOIN hub_event e ON e.id = d.event_id"
            + " WHERE e.log_id = ?",
        Integer.class,
        logId);
  }

  /** Every value of every row of every table, as text: for "never stored" checks. */
  public String everything() {
    StringBuilder all = new StringBuilder();
    List<String> tables =
        jdbc.queryForList(
            "SELECT table_name FROM information_schema.tables"
                + " WHERE table_schema = CURRENT_SCHEMA AND table_type = 'BASE TABLE'",
            String.class);
    for (String table : tables) {
      for (Map<String, Object> row : jdbc.queryForList("SELECT * FROM " + table)) {
        row.values().forEach(v -> all.append(v).append('\n'));
      }
    }
    return all.toString();
  }
}
