package com.ordercloudhub.hub.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the email tests deliver to: a loopback SMTP server (GreenMail) and an outbox folder. */
public final class MailPeers {

  private MailPeers() {}

  /**
   * A started SMTP server on 127.0.0.1; port 0 picks a free one, a known port restarts it there.
   */
  public static GreenMail smtpOn(int port) {
    GreenMail server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    server.start();
    return server;
  }

  /** A fresh, empty outbox folder under target/. */
  public static Path outboxFolder() {
    try {
      return Files.createTempDirectory(Files.createDirectories(Path.of("target")), "outbox-")
          .toAbsolutePath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
