package com.ordercloudhub.hub.destination.database;

import com.ordercloudhub.hub.delivery.PermanentDeliveryException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What each reporting column can hold, read once per table from the database's own catalogue
 * (information_schema, the same on H2 and PostgreSQL), so that a value it cannot hold makes the leg
 * dead with the column and the value named, before the database would round it (a NUMERIC's scale)
 * or answer with a message that names neither. Numbers are never rounded: digits beyond the scale
 * are refused, like digits beyond the precision.
 */
@Component
class ReportingColumns {

  private static final int MAX_SHOWN = 60;

  private final JdbcTemplate jdbc;
  private final Map<String, Map<String, Column>> tables = new ConcurrentHashMap<>();

  ReportingColumns(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** One column: its SQL type and, where it has them, length, precision and scale. */
  record Column(
      String table, String name, String type, Long length, Integer precision, Integer scale) {

    boolean isText() {
      return type.contains("char") || type.contains("text") || type.contains("clob");
    }

    boolean isDecimal() {
      return type.equals("numeric") || type.equals("decimal");
    }

    boolean isInteger() {
      return type.equals("integer")
          || type.equals("int")
          || type.equals("smallint")
          || type.equals("bigint");
    }

    String describe() {
      String sql = type.toUpperCase(Locale.ROOT);
      if (isDecimal() && precision != null) {
        sql += "(" + precision + "," + (scale == null ? 0 : scale) + ")";
      } else if (isText() && length != null && length < Integer.MAX_VALUE) {
        sql += "(" + length + ")";
      }
      return table + "." + name + " (" + sql + ")";
    }
  }

  /**
   * @throws PermanentDeliveryException naming the first column whose value it cannot hold
   */
  void check(String table, Map<String, Object> row) {
    Map<String, Column> columns =
        tables.computeIfAbsent(table.toLowerCase(Locale.ROOT), this::load);
    for (Map.Entry<String, Object> value : row.entrySet()) {
      Column column = columns.get(value.getKey().toLowerCase(Locale.ROOT));
      if (column != null && value.getValue() != null) {
        check(column, value.getValue());
      }
    }
  }

  private static void check(Column column, Object value) {
    if (value instanceof String text && column.isText()) {
      if (text.indexOf(0) >= 0) {
        throw refused(
            column, value, "contains a NUL character (U+0000), which PostgreSQL text cannot hold");
      }
      int length = text.codePointCount(0, text.length());
      if (column.length() != null && length > column.length()) {
        throw refused(
            column,
            value,
            "is " + length + " characters long; the column holds " + column.length());
      }
      return;
    }
    BigDecimal number = number(value);
    if (number == null) {
      return; // not a number: the database converts it or refuses it (a dead leg all the same)
    }
    BigDecimal exact = number.signum() == 0 ? BigDecimal.ZERO : number.stripTrailingZeros();
    long decimals = Math.max(exact.scale(), 0);
    long integerDigits = Math.max((long) exact.precision() - exact.scale(), 0);
    if (column.isInteger()) {
      long max = column.type().equals("bigint") ? 19 : column.type().equals("smallint") ? 5 : 10;
      boolean fits =
          decimals == 0
              && integerDigits <= max
              && exact.compareTo(min(column)) >= 0
              && exact.compareTo(max(column)) <= 0;
      if (!fits) {
        throw refused(column, value, decimals > 0 ? "is not a whole number" : "is out of range");
      }
    } else if (column.isDecimal() && column.precision() != null) {
      int scale = column.scale() == null ? 0 : column.scale();
      if (decimals > scale) {
        throw refused(
            column,
            value,
            "has "
                + decimals
                + " decimal places; the column keeps "
                + scale
                + " and a value is never rounded");
      }
      if (integerDigits > column.precision() - scale) {
        throw refused(
            column,
            value,
            "has "
                + integerDigits
                + " digits before the point; the column holds "
                + (column.precision() - scale));
      }
    }
  }

  private static BigDecimal number(Object value) {
    if (value instanceof BigDecimal decimal) {
      return decimal;
    }
    if (value instanceof Number n && !(value instanceof Double) && !(value instanceof Float)) {
      return new BigDecimal(n.toString());
    }
    return null;
  }

  private static BigDecimal min(Column column) {
    return switch (column.type()) {
      case "smallint" -> BigDecimal.valueOf(Short.MIN_VALUE);
      case "bigint" -> BigDecimal.valueOf(Long.MIN_VALUE);
      default -> BigDecimal.valueOf(Integer.MIN_VALUE);
    };
  }

  private static BigDecimal max(Column column) {
    return switch (column.type()) {
      case "smallint" -> BigDecimal.valueOf(Short.MAX_VALUE);
      case "bigint" -> BigDecimal.valueOf(Long.MAX_VALUE);
      default -> BigDecimal.valueOf(Integer.MAX_VALUE);
    };
  }

  private static PermanentDeliveryException refused(Column column, Object value, String why) {
    return new PermanentDeliveryException(
        "Column " + column.describe() + " cannot hold " + shown(value) + ": it " + why);
  }

  /** The value for the leg's error: bounded, control characters escaped. */
  static String shown(Object value) {
    String text = value.toString();
    StringBuilder out = new StringBuilder(value instanceof String ? "\"" : "");
    int shown = 0;
    for (int i = 0; i < text.length() && shown < MAX_SHOWN; i++, shown++) {
      char c = text.charAt(i);
      if (Character.isISOControl(c) || Character.isSurrogate(c) || c == 0x2028 || c == 0x2029) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    if (value instanceof String) {
      out.append('"');
    }
    if (text.length() > MAX_SHOWN) {
      out.append("… (").append(text.length()).append(" characters)");
    }
    return out.toString();
  }

  private Map<String, Column> load(String table) {
    Map<String, Column> columns = new HashMap<>();
    jdbc.query(
        "SELECT column_name, data_type, character_maximum_length, numeric_precision, numeric_scale"
            + " FROM information_schema.columns"
            + " WHERE table_schema = CURRENT_SCHEMA AND LOWER(table_name) = ?",
        rs -> {
          String name = rs.getString(1).toLowerCase(Locale.ROOT);
          columns.put(
              name,
              new Column(
                  table,
                  name,
                  rs.getString(2).toLowerCase(Locale.ROOT),
                  rs.getObject(3) instanceof Number n ? n.longValue() : null,
                  rs.getObject(4) instanceof Number n ? n.intValue() : null,
                  rs.getObject(5) instanceof Number n ? n.intValue() : null));
        },
        table);
    return Map.copyOf(columns);
  }
}
