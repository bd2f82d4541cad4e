package com.ordercloudhub.hub.routecheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bean names Spring gives the classes and methods of Java sources, for the build's route check (the
 * running hub asks its application context instead): {@code @Component("name")} (or the
 * decapitalised class name), {@code @Bean("name")}/{@code @Bean(name = …)} (or the method name). A
 * regex scan, not Spring itself: good enough for route references.
 */
final class JavaBeanNames {

  private static final String STEREOTYPE =
      "@(?:Component|Service|Repository|Controller|RestController|ControllerAdvice"
          + "|RestControllerAdvice|Configuration)\\b";
  private static final Pattern NAMED_COMPONENT =
      Pattern.compile(STEREOTYPE + "\\(\\s*(?:value\\s*=\\s*)?\"([^\"]+)\"\\s*\\)");

  /** A stereotype without a name, then its class: Spring names the bean after the class. */
  private static final Pattern UNNAMED_COMPONENT =
      Pattern.compile(
          STEREOTYPE
              + "(?!\\s*\\(\\s*(?:value\\s*=\\s*)?\")(?:\\s*\\([^)]*\\))?[^;{]*?"
              + "\\b(?:class|record)\\s+(\\w+)");

  private static final Pattern BEAN_METHOD = Pattern.compile("@Bean\\b(?:\\s*\\(([^)]*)\\))?");
  private static final Pattern BEAN_NAME_ATTRIBUTE =
      Pattern.compile(
          "^\\s*(\\{[^}]*}|\"[^\"]*\")|\\b(?:name|value)\\s*=\\s*(\\{[^}]*}|\"[^\"]*\")");
  private static final Pattern QUOTED = Pattern.compile("\"([^\"]+)\"");
  private static final Pattern LEADING_ANNOTATIONS =
      Pattern.compile("^(\\s*@[\\w.]+(\\s*\\([^)]*\\))?)*");
  private static final Pattern METHOD_NAME = Pattern.compile("^[^(=;{]*?(\\w+)\\s*\\(");

  private JavaBeanNames() {}

  /** The bean names declared in the {@code .java} files below {@code javaSources}. */
  public static Set<String> in(Path javaSources) {
    Set<String> names = new TreeSet<>();
    RouteFiles.walk(javaSources)
        .filter(p -> p.toString().endsWith(".java"))
        .forEach(source -> scan(read(source), names));
    return names;
  }

  private static void scan(String code, Set<String> names) {
    NAMED_COMPONENT.matcher(code).results().forEach(m -> names.add(m.group(1)));
    UNNAMED_COMPONENT.matcher(code).results().forEach(m -> names.add(decapitalize(m.group(1))));
    Matcher bean = BEAN_METHOD.matcher(code);
    while (bean.find()) {
      String attributes = bean.group(1) == null ? "" : bean.group(1);
      Matcher named = BEAN_NAME_ATTRIBUTE.matcher(attributes);
      if (named.find()) {
        String list = named.group(1) != null ? named.group(1) : named.group(2);
        QUOTED.matcher(list).results().forEach(q -> names.add(q.group(1)));
      } else {
        String rest = code.substring(bean.end());
        Matcher annotations = LEADING_ANNOTATIONS.matcher(rest);
        if (annotations.lookingAt()) {
          rest = rest.substring(annotations.end());
        }
        Matcher method = METHOD_NAME.matcher(rest);
        if (method.find()) {
          names.add(method.group(1));
        }
      }
    }
  }

  private static String decapitalize(String name) {
    // java.beans.Introspector's rule, which Spring follows: "URLFoo" stays, "FooBar" -> "fooBar"
    if (name.length() > 1 && Character.isUpperCase(name.charAt(1))) {
      return name;
    }
    return Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
