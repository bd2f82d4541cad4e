package com.ordercloudhub.hub.destination;

import com.dashjoin.jsonata.Jsonata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The JSONata mapping files of {@code hub.mappings.dir}, each parsed once per content. With {@code
 * hub.mappings.cache} on (the default) a file is read and parsed on first use and kept; off (the
 * dev profile) every use reads the file and compares its bytes with those last parsed, so an edit
 * applies to the next exchange and an unchanged file is not parsed again. Routes use them through
 * the {@code mapping:} endpoint ({@link MappingComponent}).
 */
@Component
public class Mappings {

  private final Path dir;
  private final boolean cache;
  private final ConcurrentMap<Path, Compiled> compiled = new ConcurrentHashMap<>();
  private final AtomicLong compilations = new AtomicLong();

  /** A file's bytes and what they parse to; {@code mapping} null for a file that does not exist. */
  private record Compiled(byte[] source, Mapping mapping) {}

  private static final Compiled ABSENT = new Compiled(null, null);

  public Mappings(
      @Value("${hub.mappings.dir:mappings}") String dir,
      @Value("${hub.mappings.cache:true}") boolean cache) {
    this.dir = Path.of(dir);
    this.cache = cache;
  }

  /**
   * @param name the file within the mappings folder, e.g. {@code erp/sales-order.jsonata}
   * @return the parsed mapping, empty when the file does not exist
   * @throws MappingException when the file does not parse as JSONata
   */
  public Optional<Mapping> find(String name) {
    Path file = dir.resolve(name).normalize();
    Compiled current = compiled.get(file);
    // a missing file is looked for again on every use (it may be on its way: mounted late, mid
    // deploy); a parsed one is kept
    if (cache && current != null && current != ABSENT) {
      return Optional.of(current.mapping());
    }
    byte[] source = read(file);
    Compiled now =
        compiled.compute(
            file,
            (key, old) -> {
              if (old != null && Arrays.equals(old.source(), source)) {
                return old;
              }
              return source == null ? ABSENT : new Compiled(source, compile(file, source));
            });
    return Optional.ofNullable(now.mapping());
  }

  /** The file a name stands for, as errors and the route check name it. */
  public Path file(String name) {
    return dir.resolve(name).normalize();
  }

  /** How many times a mapping file was parsed, in all (each content once; tests count it). */
  public long compilations() {
    return compilations.get();
  }

  private Mapping compile(Path file, byte[] source) {
    String expression = new String(source, StandardCharsets.UTF_8);
    Jsonata parsed;
    try {
      parsed = Jsonata.jsonata(expression);
    } catch (RuntimeException | StackOverflowError e) {
      // the parser recurses per nesting level: ((((…)))) deep enough overflows the stack
      throw new MappingException(
          "Mapping "
              + file
              + " does not parse as JSONata: "
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage(),
          e);
    }
    // The library evaluates on the thread's last constructed expression and rewrites its
    // environment as it goes: make a throwaway that one, so the shared mapping stays as parsed.
    Jsonata.jsonata("$");
    compilations.incrementAndGet();
    return new Mapping(file.toString(), parsed);
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException missing) {
      return null;
    } catch (IOException e) {
      if (!Files.exists(file)) {
        return null;
      }
      throw new UncheckedIOException("Cannot read mapping " + file, e);
    }
  }
}
