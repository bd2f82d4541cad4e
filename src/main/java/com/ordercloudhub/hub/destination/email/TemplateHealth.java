package com.ordercloudhub.hub.destination.email;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * The {@code templates} health component: the email templates folder as the route check sees it
 * ({@link TemplateFiles}). At start each problem is logged once; while any remains the component
 * says {@code DEGRADED} (still ready: an email whose Mandrill drop-in fails is sent with the
 * built-in template, and the leg says so) and names the files. The folder is looked at again only
 * when a file in it changed, so a fixed template clears the state without a restart and a health
 * call costs a directory listing.
 */
@Component("templatesHealthIndicator")
class TemplateHealth implements HealthIndicator {

  private static final Logger log = LoggerFactory.getLogger(TemplateHealth.class);
  static final Status DEGRADED = new Status("DEGRADED");

  private final Path folder;
  private volatile State state;

  private record State(long fingerprint, List<TemplateFiles.Finding> findings) {}

  TemplateHealth(MailProperties properties) {
    this.folder = Path.of(properties.templatesDir());
    this.state = inspect(fingerprint());
    for (TemplateFiles.Finding finding : state.findings()) {
      log.warn(
          "Email template {}: {} — {}",
          folder.resolve(finding.file().getFileName()),
          finding.problem(),
          finding.fix());
    }
  }

  @Override
  public Health health() {
    long now = fingerprint();
    State seen = state;
    if (now != seen.fingerprint()) {
      seen = inspect(now);
      state = seen;
    }
    if (seen.findings().isEmpty()) {
      return Health.up().withDetail("folder", folder.toString()).build();
    }
    return Health.status(DEGRADED)
        .withDetail("folder", folder.toString())
        .withDetail(
            "problems", seen.findings().stream().map(TemplateFiles.Finding::toString).toList())
        .build();
  }

  private State inspect(long fingerprint) {
    return new State(fingerprint, TemplateFiles.inspect(folder));
  }

  /** Names, sizes and modification times of the folder's files (partials included). */
  private long fingerprint() {
    if (!Files.isDirectory(folder)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(folder, 2)) {
      return files
          .filter(Files::isRegularFile)
          .mapToLong(
              file -> {
                try {
                  return file.toString().hashCode() * 31L
                      + Files.getLastModifiedTime(file).toMillis() * 17
                      + Files.size(file);
                } catch (IOException e) {
                  return file.toString().hashCode();
                }
              })
          .reduce(1, (a, b) -> a * 1_000_003L + b);
    } catch (IOException e) {
      return -1;
    }
  }
}
