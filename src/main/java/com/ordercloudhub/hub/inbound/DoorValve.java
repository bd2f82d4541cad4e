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
      request.setAttribute(
          CLOSE_WITHOUT_READING,
          (Runnable) () -> coyote.action(ActionCode.DISABLE_SWALLOW_INPUT, null));
      org.apache.catalina.Context context = request.getContext();
      request.setAttribute(ASYNC_CLOSED, (Runnable) () -> context.decrementInProgressAsyncCount());
    }
    getNext().invoke(request, response);
  }

  /**
   * Request attribute: a Runnable that ends Tomcat's count of this async request in progress.
   * Tomcat 10.1 ends an async request it closes for an error (which is what closing without reading
   * is) without counting it out (AbstractProcessorLight skips the async post-processing of a CLOSED
   * socket, and recycling does not count it either), and a graceful stop waits while the count is
   * above zero: after a slow-body attack every stop would wait its full timeout.
   */
  static final String ASYNC_CLOSED = "hubAsyncClosedWithoutReading";

  /** An async request that was closed without reading has ended: Tomcat's count is corrected. */
  static void asyncClosedWithoutReading(HttpServletRequest request) {
    if (request.getAttribute(ASYNC_CLOSED) instanceof Runnable ended) {
      ended.run();
    }
  }

  /** Asks Tomcat to close after the answer, without reading what is left of the body. */
  static void closeWithoutReading(HttpServletRequest request) {
    if (request.getAttribute(CLOSE_WITHOUT_READING) instanceof Runnable close) {
      close.run();
    }
  }
}
