package com.ordercloudhub.hub.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one rule for what is a secret, used wherever a payload, an error or a log line leaves the hub
 * (configured under {@code hub.store}).
 *
 * <p><b>By name.</b> A property name is split into words (camelCase, snake_case, kebab-case,
 * digits; any case), so {@code Sasquatch}, {@code Monkey} or {@code TokenizedCardLast4} are not
 * secrets. It is a secret when it holds one of the {@code secret-names} word sequences anywhere
 * ({@code password}, {@code ConnectClientSecret}, {@code xp.apiToken}; run-together lower-case
 * compounds such as {@code newpassword} count too), or ends with one of the {@code
 * secret-name-endings} ({@code key}: {@code HashKey}, {@code SharedKey}, {@code ApiKey}, but not
 * {@code KeyAccount}) — unless it ends with one of the {@code visible-name-endings}: identifiers
 * and settings about a secret are not the secret ({@code ApiClientSecretID}, {@code token_type},
 * {@code PasswordRenewalUrl}, {@code TokenEndpoint}).
 *
 * <p><b>By value shape,</b> in any text, under any name: the {@code secret-values} regular
 * expressions (JWTs, {@code Bearer …}, {@code Basic …}, URL user-info). The part in a group named
 * {@code secret} is masked (else the whole match); a group named {@code basic} is masked only when
 * it decodes from Base64 to {@code user:password}, so "Basic Training" stays. Besides, {@code
 * name=value} pairs (connection strings, query parameters), {@code "name": "value"} (JSON echoed in
 * an error) and {@code name: value} (header dumps) are masked when the name is a secret by the name
 * rule: {@code AccountKey=…;}, {@code ?sig=…}, {@code "access_token":"…"}.
 */
public final class SecretRule {

  public static final String REDACTED = "[redacted]";

  public static final List<String> DEFAULT_NAMES =
      List.of(
          "password",
          "passwd",
          "pwd",
          "passphrase",
          "passcode",
          "secret",
          "token",
          "credential",
          "authorization",
          "auth",
          "cookie",
          "connection string",
          "private key",
          "sas",
          "sig",
          "otp",
          "cvv",
          "cvc",
          "pin");

  public static final List<String> DEFAULT_NAME_ENDINGS =
      List.of(
          "key",
          "api key",
          "hash key",
          "shared key",
          "access key",
          "account key",
          "primary key",
          "secret key",
          "verification code",
          "security code",
          "card number",
          "cc number",
          "pan");

  public static final List<String> DEFAULT_VISIBLE_ENDINGS =
      List.of(
          "id",
          "url",
          "uri",
          "endpoint",
          "date",
          "type",
          "name",
          "status",
          "count",
          "duration",
          "expires in",
          "idempotency key",
          "partition key",
          "row key",
          "sort key");

  public static final List<String> DEFAULT_VALUES =
      List.of(
          // a JWT, or what is left of one after a cut: Base64url JSON (eyJ = {") and its dot parts
          "\\beyJ[A-Za-z0-9_-]{8,}(?:\\.[A-Za-z0-9_-]*){0,4}",
          // an HTTP bearer credential (letters only is a word, not a token)
          "(?i)\\bbearer\\s+(?<secret>(?=[A-Za-z0-9._~+/=-]*[0-9._~+/=-])[A-Za-z0-9._~+/=-]{8,})",
          // HTTP Basic: Base64 of user:password
          "(?i)\\bbasic\\s+(?<basic>[A-Za-z0-9+/]{8,}={0,2})(?![A-Za-z0-9+/=])",
          // the password of URL user-info: scheme://user:password@host
          "(?i)\\b[a-z][a-z0-9+.-]{1,20}://[^/\\s:@\"'<>]{0,100}:(?<secret>[^/\\s@\"'<>]{1,200})@",
          // cloud and SaaS keys with a fixed prefix: AWS access key ids, GitHub, Slack, Stripe
          "\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b",
          "\\bgh[pousr]_[A-Za-z0-9]{30,}",
          "\\bxox[abposr]-[A-Za-z0-9-]{10,}",
          "\\b[sr]k_live_[A-Za-z0-9]{16,}");

  // HTTP authentication schemes: not secret, and worth keeping in front of a masked credential
  private static final String SCHEMES =
      "basic|bearer|digest|negotiate|ntlm|hoba|mutual|aws4-hmac-sha256";
  private static final Pattern SCHEME = Pattern.compile("(?i)" + SCHEMES);
  private static final Pattern SCHEME_KEPT = Pattern.compile("(?i)(" + SCHEMES + ") \\[redacted]");
  private static final Pattern WORD =
      Pattern.compile("[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+", Pattern.UNICODE_CHARACTER_CLASS);
  private static final Pattern JSON_PAIR =
      Pattern.compile(
          "\"(?<name>[^\"\\\\]{1,64})\"\\s*:\\s*(?<value>\"(?:[^\"\\\\]|\\\\.)*\"|-?\\d[\\d.eE+-]*"
              + "|\\[\\s*(?:\"(?:[^\"\\\\]|\\\\.)*\"\\s*,?\\s*)*\\])");

  // a name/value pair written out, {"Name":"X-Api-Key","Value":"…"} (header lists, xp settings)
  private static final Pattern NAMED_VALUE =
      Pattern.compile(
          "\"(?i:name|key)\"\\s*:\\s*\"(?<name>[^\"\\\\]{1,64})\"\\s*,\\s*\"(?i:value)\"\\s*:\\s*"
              + "(?<value>\"(?:[^\"\\\\]|\\\\.)*\")");

  private final List<List<String>> names;
  private final List<List<String>> endings;
  private final List<List<String>> visible;
  private final List<Shape> values;
  private final Scan scan;
  // names repeat across a payload's items: each is split and judged once
  private final Map<String, Boolean> judged = new ConcurrentHashMap<>();

  public SecretRule(
      List<String> names, List<String> endings, List<String> visible, List<String> values) {
    this.names = phrases(names);
    this.endings = phrases(endings);
    this.visible = phrases(visible);
    this.values = values.stream().map(Shape::of).toList();
    this.scan = new Scan(this.values);
  }

  /**
   * A value shape and the literals one of which every match starts with, when it has them (eyJ,
   * bearer, basic, ://, AKIA or ASIA, gh?_): text without any of them is not scanned. A cheap
   * prefilter only: the regular expression alone decides what is masked.
   *
   * @param lowerOriginal the literal is looked for in the text as it was before any shape masked
   *     part of it, lower-cased (a case-insensitive shape's one literal, as this rule always did);
   *     else in the text as it is now, in any case for a case-insensitive shape
   */
  private record Shape(
      Pattern pattern, String[] hints, boolean anyCase, boolean needsAt, boolean lowerOriginal) {

    static Shape of(String regex) {
      boolean anyCase = regex.startsWith("(?i)");
      String rest = (anyCase ? regex.substring(4) : regex).replaceFirst("^\\\\b", "");
      Matcher literal = Pattern.compile("^[A-Za-z0-9]{3,}(?![*+?{])").matcher(rest);
      String hint = literal.find() ? literal.group() : regex.contains("://") ? "://" : null;
      List<String> hints = hint != null ? List.of(hint) : LeadingLiterals.of(rest);
      return new Shape(
          Pattern.compile(regex),
          hints == null
              ? null
              : hints.stream()
                  .map(h -> anyCase ? h.toLowerCase(Locale.ROOT) : h)
                  .toArray(String[]::new),
          anyCase,
          "://".equals(hint) && regex.endsWith("@"),
          anyCase && hint != null);
    }

    /**
     * False only when the pattern is not to be tried on the text: none of the literals is in it.
     *
     * @param lower the original text lower-cased
     */
    boolean mayMatch(String text, String lower) {
      if (hints == null) {
        return true;
      }
      // user-info needs an @ too: most URLs have none
      if (needsAt && text.indexOf('@') < 0) {
        return false;
      }
      for (String hint : hints) {
        if (lowerOriginal
            ? lower.contains(hint)
            : anyCase ? containsIgnoreCase(text, hint) : text.contains(hint)) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * The shapes' literals looked for in one pass over a text, by their first character, instead of
   * one search per literal. Bit i of what {@link #of} returns is set when shape i may match (as
   * {@link Shape#mayMatch} says of the text as it is); the top bits tell whether the text has an
   * {@code =}, a {@code :} or a {@code "}.
   */
  private static final class Scan {

    static final long EQUALS = 1L << 61;
    static final long COLON = 1L << 62;
    static final long QUOTE = 1L << 63;
    static final int MOST_SHAPES = 61; // the shapes after these are asked one by one

    /** A literal of shape {@code bit}, looked for where the text has its first character. */
    private record Literal(
        long bit, String text, boolean anyCase, boolean lowerOriginal, char second, char upper) {

      Literal(long bit, String text, boolean anyCase, boolean lowerOriginal) {
        this(
            bit,
            text,
            anyCase,
            lowerOriginal,
            text.length() > 1 ? text.charAt(1) : 0,
            text.length() > 1 && anyCase ? Character.toUpperCase(text.charAt(1)) : 0);
      }

      boolean at(String in, int i) {
        if (second != 0) {
          // most places fail at the next character: tell them before comparing the rest
          if (i + 1 >= in.length()) {
            return false;
          }
          char next = in.charAt(i + 1);
          if (next != second && (!anyCase || (next != upper && next < 128))) {
            return false;
          }
        }
        return anyCase ? in.regionMatches(true, i, text, 0, text.length()) : in.startsWith(text, i);
      }
    }

    private final Literal[][] byFirst = new Literal[128][];
    // beyond ASCII, a character may still fold to an ASCII letter (the Kelvin sign to k)
    private final Literal[] foldable;
    private final long unhinted;
    private final long needsAt;

    Scan(List<Shape> shapes) {
      List<List<Literal>> first = new ArrayList<>();
      for (int c = 0; c < 128; c++) {
        first.add(new ArrayList<>());
      }
      List<Literal> folding = new ArrayList<>();
      long always = 0;
      long at = 0;
      for (int i = 0; i < Math.min(shapes.size(), MOST_SHAPES); i++) {
        Shape shape = shapes.get(i);
        long bit = 1L << i;
        if (shape.hints() == null
            || Arrays.stream(shape.hints()).anyMatch(h -> h.isEmpty() || h.charAt(0) >= 128)) {
          always |= bit;
          continue;
        }
        if (shape.needsAt()) {
          at |= bit;
        }
        for (String hint : shape.hints()) {
          Literal literal = new Literal(bit, hint, shape.anyCase(), shape.lowerOriginal());
          char c = hint.charAt(0);
          first.get(c).add(literal);
          if (shape.anyCase()) {
            char upper = Character.toUpperCase(c);
            if (upper != c) {
              first.get(upper).add(literal);
            }
            folding.add(literal);
          }
        }
      }
      for (int c = 0; c < 128; c++) {
        byFirst[c] = first.get(c).isEmpty() ? null : first.get(c).toArray(Literal[]::new);
      }
      this.foldable = folding.toArray(Literal[]::new);
      this.unhinted = always;
      this.needsAt = at;
    }

    long of(String text) {
      long seen = unhinted;
      boolean hasAt = false;
      String lower = null;
      for (int i = 0, n = text.length(); i < n; i++) {
        char c = text.charAt(i);
        Literal[] literals;
        if (c < 128) {
          switch (c) {
            case '=' -> seen |= EQUALS;
            case ':' -> seen |= COLON;
            case '"' -> seen |= QUOTE;
            case '@' -> hasAt = true;
            default -> {}
          }
          literals = byFirst[c];
        } else {
          literals = foldable;
        }
        if (literals != null) {
          for (Literal literal : literals) {
            if ((seen & literal.bit()) == 0 && literal.at(text, i)) {
              if (literal.lowerOriginal()) {
                // as the shape says: in the lower-cased text (the same but for a few letters)
                lower = lower != null ? lower : text.toLowerCase(Locale.ROOT);
                if (!lower.contains(literal.text())) {
                  continue;
                }
              }
              seen |= literal.bit();
            }
          }
        }
      }
      return hasAt ? seen : seen & ~needsAt;
    }
  }

  /**
   * The literal prefixes a regular expression's every match starts with (its leading literal
   * characters, one-of classes such as {@code [sr]} and groups such as {@code (?:AKIA|ASIA)}, up to
   * the first atom that is anything else or repeated), or null when it has none to offer.
   */
  static final class LeadingLiterals {

    private static final int MOST = 8;

    private LeadingLiterals() {}

    static List<String> of(String regex) {
      if (hasTopLevelAlternative(regex)) {
        return null; // "abc|xyz": a match may start with either
      }
      List<String> prefixes = List.of("");
      int i = 0;
      while (i < regex.length()) {
        int end = atomEnd(regex, i);
        if (end < 0 || (end < regex.length() && "*+?{".indexOf(regex.charAt(end)) >= 0)) {
          break; // not a plain atom, or it may repeat or be absent
        }
        List<String> choices = choices(regex.substring(i, end));
        if (choices == null || prefixes.size() * choices.size() > MOST) {
          break;
        }
        List<String> longer = new ArrayList<>();
        for (String prefix : prefixes) {
          for (String choice : choices) {
            longer.add(prefix + choice);
          }
        }
        prefixes = longer;
        i = end;
      }
      return prefixes.get(0).isEmpty() ? null : prefixes;
    }

    /** Where the atom at {@code i} ends, or -1 when it is not one this reads. */
    private static int atomEnd(String regex, int i) {
      char c = regex.charAt(i);
      if (c == '[') {
        int close = regex.indexOf(']', i + 1);
        return close > i + 1 ? close + 1 : -1;
      }
      if (c == '(') {
        int close = regex.indexOf(')', i + 1);
        return regex.startsWith("(?:", i) && close > 0 ? close + 1 : -1;
      }
      if (c == '\\') {
        return i + 1 < regex.length() ? i + 2 : -1;
      }
      return i + 1;
    }

    /** What an atom matches, when that is a few literals: {@code [sr]} → s, r. */
    private static List<String> choices(String atom) {
      if (atom.startsWith("[")) {
        String members = atom.substring(1, atom.length() - 1);
        if (!members.chars().allMatch(LeadingLiterals::isPlain)) {
          return null; // ranges, negation, escapes, nested classes
        }
        return members.chars().distinct().mapToObj(Character::toString).toList();
      }
      if (atom.startsWith("(?:")) {
        List<String> alternatives = List.of(atom.substring(3, atom.length() - 1).split("\\|", -1));
        return alternatives.stream()
                .allMatch(a -> !a.isEmpty() && a.chars().allMatch(LeadingLiterals::isPlain))
            ? alternatives
            : null;
      }
      if (atom.startsWith("\\")) {
        char escaped = atom.charAt(1);
        // an escaped punctuation character is itself; \d, \s, \b, \Q and the like are not
        return Character.isLetterOrDigit(escaped) || escaped > 127
            ? null
            : List.of(Character.toString(escaped));
      }
      return isPlain(atom.charAt(0)) ? List.of(atom) : null;
    }

    private static boolean isPlain(int c) {
      return (c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '_'
          || c == ':'
          || c == '/'
          || c == '=';
    }

    private static boolean hasTopLevelAlternative(String regex) {
      int depth = 0;
      boolean inClass = false;
      for (int i = 0; i < regex.length(); i++) {
        char c = regex.charAt(i);
        if (c == '\\') {
          i++;
        } else if (inClass) {
          inClass = c != ']';
        } else if (c == '[') {
          inClass = true;
        } else if (c == '(') {
          depth++;
        } else if (c == ')') {
          depth--;
        } else if (c == '|' && depth == 0) {
          return true;
        }
      }
      return false;
    }
  }

  /** {@code text.toLowerCase(Locale.ROOT).contains(lower)}, or more, without the copy. */
  static boolean containsIgnoreCase(String text, String lower) {
    int length = lower.length();
    char first = lower.charAt(0);
    char firstUpper = Character.toUpperCase(first);
    for (int i = 0, last = text.length() - length; i <= last; i++) {
      char c = text.charAt(i);
      if ((c == first || c == firstUpper || c > 127)
          && text.regionMatches(true, i, lower, 0, length)) {
        return true;
      }
    }
    return false;
  }

  /** The built-in rule, as {@code application.yaml} ships it (the logs use it until start-up). */
  public static SecretRule defaults() {
    return new SecretRule(
        DEFAULT_NAMES, DEFAULT_NAME_ENDINGS, DEFAULT_VISIBLE_ENDINGS, DEFAULT_VALUES);
  }

  /** True when a property (or header, or parameter) of this name holds a secret. */
  public boolean isSecretName(String name) {
    if (name == null) {
      return false;
    }
    Boolean known = judged.get(name);
    if (known != null) {
      return known;
    }
    boolean secret = judge(name);
    if (judged.size() < 10_000) {
      judged.put(name, secret);
    }
    return secret;
  }

  private boolean judge(String name) {
    List<String> words = words(name);
    if (words.isEmpty() || endsWithAny(words, visible)) {
      return false;
    }
    if (endsWithAny(words, endings)) {
      return true;
    }
    for (List<String> phrase : names) {
      if (contains(words, phrase)) {
        return true;
      }
    }
    return false;
  }

  /** The text with every secret-looking part replaced by {@link #REDACTED}. */
  public String mask(String text) {
    if (text == null || text.length() < 4) {
      return text;
    }
    // one pass over the text tells which shapes may match it and which separators it has
    long seen = scan.of(text);
    String out = text;
    String lower = null;
    for (int i = 0; i < values.size(); i++) {
      boolean may;
      if (out == text && i < Scan.MOST_SHAPES) {
        may = (seen & 1L << i) != 0;
      } else {
        // once a shape masked something, the next ones look at the text as it is now
        lower = lower != null ? lower : text.toLowerCase(Locale.ROOT);
        may = values.get(i).mayMatch(out, lower);
      }
      if (may) {
        out = replaceShape(values.get(i).pattern(), out);
      }
    }
    if (out == text ? (seen & Scan.EQUALS) != 0 : out.indexOf('=') >= 0) {
      out = replaceAround(out, '=');
    }
    if (out == text ? (seen & Scan.COLON) != 0 : out.indexOf(':') >= 0) {
      // both pairs start with a quote: most text (dates, times) has none
      if (out == text ? (seen & Scan.QUOTE) != 0 : out.indexOf('"') >= 0) {
        // the pair first: its "Key" is a secret name of its own, masked by the next step
        out = replacePairs(NAMED_VALUE, out);
        out = replacePairs(JSON_PAIR, out);
      }
      out = replaceAround(out, ':');
    }
    return out;
  }

  /**
   * A copy of a JSON tree with secret-named values and secret-looking text masked (for answers
   * built from more than a stored payload: dry runs).
   */
  public JsonNode maskJson(JsonNode node) {
    if (node == null) {
      return null;
    }
    if (node.isTextual()) {
      return TextNode.valueOf(mask(node.textValue()));
    }
    if (node instanceof ObjectNode object) {
      ObjectNode copy = object.objectNode();
      object
          .fields()
          .forEachRemaining(
              field -> {
                JsonNode value = field.getValue();
                copy.set(
                    field.getKey(),
                    !isSecretName(field.getKey()) || value.isNull() || value.isBoolean()
                        ? maskJson(value)
                        // already masked with its scheme kept: "Bearer [redacted]"
                        : value.isTextual() && SCHEME_KEPT.matcher(value.textValue()).matches()
                            ? maskJson(value)
                            : TextNode.valueOf(REDACTED));
              });
      return copy;
    }
    if (node instanceof ArrayNode array) {
      ArrayNode copy = array.arrayNode();
      array.forEach(item -> copy.add(maskJson(item)));
      return copy;
    }
    return node;
  }

  /**
   * A secret-named header's value masked whole, but for its authentication scheme when it has one
   * ({@code Bearer [redacted]}): {@code X-Api-Key: k1 k2} keeps nothing.
   */
  public static String maskKeepingScheme(String text) {
    int space = text.indexOf(' ');
    return space > 0 && SCHEME.matcher(text.substring(0, space)).matches()
        ? text.substring(0, space) + " " + REDACTED
        : REDACTED;
  }

  /**
   * A caller-supplied value made safe for one log line: secrets masked, and CR, LF, tab, the other
   * C0 and C1 controls, DEL and the Unicode line and paragraph separators written as escapes, so a
   * value can never start a line of its own.
   */
  public String forLog(String text) {
    return escapeControls(mask(text));
  }

  public static String escapeControls(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String escape =
          switch (c) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default ->
                Character.isISOControl(c) || c == '\u2028' || c == '\u2029'
                    ? String.format("\\u%04X", (int) c)
                    : null;
          };
      if (escape != null && out == null) {
        out = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      if (out != null) {
        if (escape != null) {
          out.append(escape);
        } else {
          out.append(c);
        }
      }
    }
    return out == null ? text : out.toString();
  }

  private static String replaceShape(Pattern shape, String text) {
    Matcher m = shape.matcher(text);
    if (!m.find()) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int last = 0;
    do {
      int start;
      int end;
      if (group(m, "secret")) {
        start = m.start("secret");
        end = m.end("secret");
      } else if (group(m, "basic")) {
        if (!isBasicCredential(m.group("basic"))) {
          continue;
        }
        start = m.start("basic");
        end = m.end("basic");
      } else {
        start = m.start();
        end = m.end();
      }
      out.append(text, last, start).append(REDACTED);
      last = end;
    } while (m.find());
    return out.append(text, last, text.length()).toString();
  }

  private String replacePairs(Pattern pairs, String text) {
    Matcher m = pairs.matcher(text);
    StringBuilder out = null;
    int last = 0;
    while (m.find()) {
      String value = m.group("value");
      if (value.contains(REDACTED)
          || !isSecretName(m.group("name"))
          || (SCHEME_KEPT.matcher(value + " " + REDACTED).matches()
              && text.startsWith(" " + REDACTED, m.end("value")))) {
        continue; // not a secret, or already masked ("auth=Bearer [redacted]")
      }
      if (out == null) {
        out = new StringBuilder(text.length());
      }
      boolean quoted = value.length() >= 2 && (value.charAt(0) == '"' || value.charAt(0) == '\'');
      out.append(text, last, m.start("value"))
          .append(quoted ? value.charAt(0) + REDACTED + value.charAt(0) : REDACTED);
      last = m.end("value");
    }
    return out == null ? text : out.append(text, last, text.length()).toString();
  }

  /**
   * {@code name=value} (connection strings, query strings) or {@code name: value} (header dumps):
   * the value is masked when the name is a secret. A scan from each separator, not a regular
   * expression, so long text costs one pass.
   */
  private String replaceAround(String text, char separator) {
    boolean equals = separator == '=';
    int length = text.length();
    StringBuilder out = null;
    int last = 0;
    for (int at = text.indexOf(separator); at > 0; at = text.indexOf(separator, at + 1)) {
      int end = equals && text.charAt(at - 1) == ' ' ? at - 1 : at;
      int start = end;
      while (start > 0 && end - start <= 64 && isNameChar(text.charAt(start - 1), equals)) {
        start--;
      }
      if (start == end
          || end - start > 64
          || !Character.isLetter(text.charAt(start))
          || (!equals
              && start > 0
              && (text.charAt(start - 1) == '"' || text.charAt(start - 1) == '.'))) {
        continue;
      }
      int from = at + 1;
      while (from < length
          && (text.charAt(from) == ' ' || (!equals && text.charAt(from) == '\t'))
          && (!equals || from == at + 1)) {
        from++;
      }
      int to = valueEnd(text, from, equals);
      if (to <= from) {
        continue;
      }
      String value = text.substring(from, to);
      if (value.contains(REDACTED)
          || (SCHEME_KEPT.matcher(value + " " + REDACTED).matches()
              && text.startsWith(" " + REDACTED, to))
          || !isSecretName(text.substring(start, end))) {
        continue; // not a secret, or already masked ("auth=Bearer [redacted]")
      }
      if (out == null) {
        out = new StringBuilder(length);
      }
      char quote = value.charAt(0);
      boolean quoted = value.length() >= 2 && (quote == '"' || quote == '\'');
      out.append(text, last, from).append(quoted ? quote + REDACTED + quote : REDACTED);
      last = to;
      at = Math.max(at, to - 1);
    }
    return out == null ? text : out.append(text, last, length).toString();
  }

  private static boolean isNameChar(char c, boolean equals) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '_'
        || c == '-'
        || (equals && c == '.');
  }

  /** Where a value ends: a quoted one at its closing quote, else at a separator. */
  private static int valueEnd(String text, int from, boolean equals) {
    int length = text.length();
    if (from >= length) {
      return from;
    }
    char first = text.charAt(from);
    if (equals && (first == '"' || first == '\'')) {
      int close = text.indexOf(first, from + 1);
      return close < 0 ? from : close + 1;
    }
    if (!equals
        && (Character.isWhitespace(first) || first == '"' || first == ',' || first == ';')) {
      return from;
    }
    int i = from;
    while (i < length) {
      char c = text.charAt(i);
      boolean stop =
          equals
              ? Character.isWhitespace(c) || ";&,\"'<>".indexOf(c) >= 0
              : c == '\r' || c == '\n' || ",;\"".indexOf(c) >= 0;
      if (stop) {
        break;
      }
      i++;
    }
    return i;
  }

  private static boolean group(Matcher m, String name) {
    try {
      return m.start(name) >= 0;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean isBasicCredential(String base64) {
    try {
      String decoded = new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
      return decoded.indexOf(':') > 0 && decoded.chars().noneMatch(Character::isISOControl);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** {@code ConnectClientSecret} → [connect, client, secret]; {@code X-Api-Key} → [x, api, key]. */
  static List<String> words(String name) {
    List<String> words = new ArrayList<>();
    if (name == null) {
      return words;
    }
    Matcher m = WORD.matcher(name);
    while (m.find()) {
      words.add(m.group().toLowerCase(Locale.ROOT));
    }
    return words;
  }

  private static List<List<String>> phrases(List<String> entries) {
    return entries.stream().map(SecretRule::words).filter(w -> !w.isEmpty()).toList();
  }

  private static boolean endsWithAny(List<String> words, List<List<String>> phrases) {
    String last = words.get(words.size() - 1);
    for (List<String> phrase : phrases) {
      int offset = words.size() - phrase.size();
      if (offset >= 0 && sameWords(words, offset, phrase)) {
        return true;
      }
      if (phrase.size() > 1 && word(last, String.join("", phrase))) {
        return true;
      }
    }
    return false;
  }

  private static boolean contains(List<String> words, List<String> phrase) {
    for (int i = 0; i + phrase.size() <= words.size(); i++) {
      if (sameWords(words, i, phrase)) {
        return true;
      }
    }
    String joined = String.join("", phrase);
    for (String word : words) {
      // run-together lower case: newpassword, clientsecret, accesstoken, connectionstring
      if (word(word, joined)
          || (joined.length() >= 5 && (word.endsWith(joined) || word.endsWith(joined + "s")))) {
        return true;
      }
    }
    return false;
  }

  private static boolean sameWords(List<String> words, int offset, List<String> phrase) {
    for (int j = 0; j < phrase.size(); j++) {
      String expected = phrase.get(j);
      String actual = words.get(offset + j);
      if (!(j == phrase.size() - 1 ? word(actual, expected) : actual.equals(expected))) {
        return false;
      }
    }
    return true;
  }

  /** The same word, or its plural. */
  private static boolean word(String actual, String expected) {
    return actual.equals(expected) || actual.equals(expected + "s");
  }
}
