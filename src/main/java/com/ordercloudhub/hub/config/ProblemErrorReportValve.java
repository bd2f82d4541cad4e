package com.ordercloudhub.hub.config;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.apache.tomcat.util.res.StringManager;

/**
 * Tomcat's last word on errors that never reach Spring (a malformed request line, a bad Host
 * header, headers over the limit, a URL Tomcat itself refuses): the JSON problem instead of
 * Tomcat's HTML page. Headers over the limit are answered 431, which names the problem, where
 * Tomcat says only 400.
 */
class ProblemErrorReportValve extends ErrorReportValve {

  /** Tomcat's own text for headers over the limit, in the locale it logs in. */
  private static final String HEADER_TOO_LARGE =
      StringManager.getManager("org.apache.coyote.http11")
          .getString("iib.requestheadertoolarge.error");

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    // as Tomcat's own valve: only an error nobody has answered yet, and only if the client listens
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    AtomicBoolean ioAllowed = new AtomicBoolean(false);
    response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
    if (!ioAllowed.get()) {
      return;
    }
    if (status == 400 && headerTooLarge(throwable)) {
      status = 431;
      response.setStatus(status);
    }
    try {
      response.setContentType("application/json");
      response.setCharacterEncoding("UTF-8");
      Writer writer = response.getReporter();
      if (writer != null) {
        writer.write(ServerProblems.of(status).json());
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      // the connection is gone or already answered: there is no one left to tell
    }
  }

  private static boolean headerTooLarge(Throwable throwable) {
    for (Throwable t = throwable; t != null; t = t.getCause()) {
      if (HEADER_TOO_LARGE.equals(t.getMessage())) {
        return true;
      }
    }
    return false;
  }
}
