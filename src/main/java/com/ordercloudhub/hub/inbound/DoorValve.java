package com.ordercloudhub.hub.inbound;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;

/**
 * Lets the door close a connection without reading the rest of a refused body. Tomcat otherwise
 * reads (swallows) the unread body after the answer, on a request thread, waiting for bytes up to
 * its connection timeout: a caller declaring a huge Content-Length and sending nothing would hold a
 * thread per connection. The door calls the hook this valve leaves on each webhook request.
 */
final class DoorValve extends ValveBase {

  /** Request attribute: a Runnable that makes Tomcat close the connection after the answer. */
  static final String CLOSE_WITHOUT_READING = "hubCloseWithoutReading";

  DoorValve() {
    super(true);
  }

  @Override
  public void invoke(Request request, Response response) throws IOException, ServletException {
    String uri = request.getDecodedRequestURI();
    if (uri != null && uri.startsWith("/webhooks/")) {
      org.apache.coyote.Request coyote = request.getCoyoteRequest();
      org.apache.coyote.Response answer = coyote.getResponse();
      request.setAttribute(
          CLOSE_WITHOUT_READING,
          (Runnable)
              () -> {
                coyote.action(ActionCode.DISABLE_SWALLOW_INPUT, null);
                // that marks the response as an error, and Tomcat would then render its error page
                // over the answer the door writes (a dispatch to /error through Spring Security and
                // MVC: 7-14% of the hub's CPU under a flood of refused calls), and for a call still
                // reading its body, end it without counting it out of the async requests in
                // progress (a graceful stop then waited its full 30 s): the door's answer is the
                // report
                answer.setErrorReported();
              });
    }
    getNext().invoke(request, response);
  }

  /** Asks Tomcat to close after the answer, without reading what is left of the body. */
  static void closeWithoutReading(HttpServletRequest request) {
    if (request.getAttribute(CLOSE_WITHOUT_READING) instanceof Runnable close) {
      close.run();
    }
  }
}
