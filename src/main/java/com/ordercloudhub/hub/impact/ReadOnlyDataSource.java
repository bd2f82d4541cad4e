package com.ordercloudhub.hub.impact;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Locale;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The database as an inert hub sees it: statements that read run, anything else is refused with an
 * {@link SQLException} before it reaches the database. A statement reads when it starts with {@code
 * SELECT} (or {@code WITH}, {@code VALUES}) and names no writing keyword; a stored procedure call
 * is refused. Connections are closed as usual (a shared pool gets them back).
 */
final class ReadOnlyDataSource implements DataSource {

  private static final Pattern READS = Pattern.compile("^\\(*\\s*(select|with|values)\\b.*");
  private static final Pattern WRITES =
      Pattern.compile(
          "\\b(insert|update|delete|merge|upsert|truncate|drop|alter|create|grant|call|nextval|setval|lock)\\b");

  private final DataSource real;
  private final boolean owned;

  /**
   * @param owned whether the pool is this hub's own (closed with it), not the running hub's
   */
  ReadOnlyDataSource(DataSource real, boolean owned) {
    this.real = real;
    this.owned = owned;
  }

  /** Closes an own pool (Spring calls it as the pool's destroy method); a shared one stays open. */
  public void close() throws Exception {
    if (owned && real instanceof AutoCloseable closeable) {
      closeable.close();
    }
  }

  /** Whether the statement only reads (what this data source lets through). */
  static boolean reads(String sql) {
    if (sql == null) {
      return false;
    }
    String text =
        sql.replaceAll("(?s)/\\*.*?\\*/", " ")
            .replaceAll("--[^\\n]*", " ")
            .replaceAll("'(?:[^']|'')*'", "''")
            .strip()
            .toLowerCase(Locale.ROOT);
    return READS.matcher(text).matches() && !WRITES.matcher(text).find();
  }

  static SQLException refused(String sql) {
    return new SQLException(
        "The change-impact run's hub does not write the database; refused: "
            + (sql == null ? "null" : sql.strip().split("\\s+", 2)[0]),
        "25006");
  }

  @Override
  public Connection getConnection() throws SQLException {
    return wrap(real.getConnection());
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return wrap(real.getConnection(username, password));
  }

  private static Connection wrap(Connection connection) {
    return (Connection)
        Proxy.newProxyInstance(
            ReadOnlyDataSource.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            new Guard(connection));
  }

  /** A connection that prepares only reading statements. */
  private record Guard(Connection real) implements InvocationHandler {

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      String name = method.getName();
      if (name.equals("prepareStatement") && !reads((String) args[0])) {
        throw refused((String) args[0]);
      }
      if (name.equals("prepareCall")) {
        throw refused((String) args[0]);
      }
      if (name.equals("unwrap") || name.equals("isWrapperFor")) {
        // never hand out the connection that would write
        if (name.equals("isWrapperFor")) {
          return ((Class<?>) args[0]).isInstance(proxy);
        }
        if (((Class<?>) args[0]).isInstance(proxy)) {
          return proxy;
        }
        throw new SQLException("Not a wrapper for " + args[0]);
      }
      Object result = call(method, args);
      if (name.equals("createStatement")) {
        return statement((Statement) result);
      }
      return result;
    }

    private Object call(Method method, Object[] args) throws Throwable {
      try {
        return method.invoke(real, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }
  }

  private static Statement statement(Statement statement) {
    return (Statement)
        Proxy.newProxyInstance(
            ReadOnlyDataSource.class.getClassLoader(),
            new Class<?>[] {Statement.class},
            (proxy, method, args) -> {
              String name = method.getName();
              if ((name.startsWith("execute") || name.equals("addBatch"))
                  && args != null
                  && args.length > 0
                  && args[0] instanceof String sql
                  && !reads(sql)) {
                throw refused(sql);
              }
              if (name.equals("executeBatch")) {
                throw refused("batch");
              }
              if (name.equals("unwrap") || name.equals("isWrapperFor")) {
                throw new SQLException("Not a wrapper");
              }
              try {
                return method.invoke(statement, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return real.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    real.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    real.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return real.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return real.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    throw new SQLException("The impact run's data source is not a wrapper for " + type);
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    return type.isInstance(this);
  }
}
