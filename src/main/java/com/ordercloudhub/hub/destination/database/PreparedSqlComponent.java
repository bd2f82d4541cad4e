package com.ordercloudhub.hub.destination.database;

import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.component.sql.DefaultSqlEndpoint;
import org.apache.camel.component.sql.DefaultSqlPrepareStatementStrategy;
import org.apache.camel.component.sql.SqlComponent;
import org.springframework.stereotype.Component;

/**
 * The {@code sql:} component of every route: Camel's own, except that a statement's text is turned
 * into its JDBC form ({@code :#name} into {@code ?}) once per text instead of on every exchange.
 * Camel's default strategy runs its regular expressions over the whole SQL text for each row
 * written, about 5% of a delivered leg's CPU in the drain's profile (bench/RESULTS.md); an
 * endpoint's text never changes. A statement with an IN list ({@code :#in:name}) is prepared on
 * every exchange as before: its number of placeholders depends on the values.
 *
 * <p>Only the text is kept: the values are still read from each exchange's body and headers by
 * Camel's code, with its messages when one is missing.
 */
@Component("sql")
class PreparedSqlComponent extends SqlComponent {

  /**
   * Statement texts kept per endpoint at most: an endpoint's own is one; texts given by a {@code
   * CamelSqlQuery} header could be any, and those beyond are prepared per exchange, as by Camel.
   */
  static final int MAX_KEPT = 16;

  @Override
  protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters)
      throws Exception {
    Endpoint endpoint = super.createEndpoint(uri, remaining, parameters);
    if (endpoint instanceof DefaultSqlEndpoint sql && sql.getPrepareStatementStrategy() == null) {
      sql.setPrepareStatementStrategy(new PreparedOnce(sql.getSeparator()));
    }
    return endpoint;
  }

  /** Camel's strategy with the text-only steps remembered per text; one per endpoint. */
  static final class PreparedOnce extends DefaultSqlPrepareStatementStrategy {

    private static final String IN_LIST = ":?in:";

    private final Map<String, String> prepared = new ConcurrentHashMap<>();
    private final Map<String, Boolean> named = new ConcurrentHashMap<>();

    PreparedOnce(char separator) {
      super(separator);
    }

    @Override
    public String prepareQuery(String query, boolean allowNamedParameters, Exchange exchange)
        throws SQLException {
      if (!allowNamedParameters || query.contains(IN_LIST)) {
        return super.prepareQuery(query, allowNamedParameters, exchange);
      }
      String known = prepared.get(query);
      if (known != null) {
        return known;
      }
      return kept(prepared, query, super.prepareQuery(query, true, exchange));
    }

    @Override
    protected boolean hasNamedParameters(String query) {
      Boolean known = named.get(query);
      if (known != null) {
        return known;
      }
      return kept(named, query, super.hasNamedParameters(query));
    }

    /** Remembers what a text came to, while fewer than {@link #MAX_KEPT} texts are. */
    private static <V> V kept(Map<String, V> texts, String query, V answer) {
      if (texts.size() < MAX_KEPT) {
        texts.put(query, answer);
      }
      return answer;
    }

    /** Texts remembered, for tests. */
    int kept() {
      return prepared.size();
    }
  }
}
