package com.ordercloudhub.hub.inbound;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpConsumer;

/**
 * A platform-http consumer the door calls directly, on the thread that has the whole body: Camel's
 * own binding, exchange and unit of work, without Spring MVC's dispatch or a hand-off to another
 * pool. While its route runs it is on the door's list; a stopped route's path answers 503, not 404.
 */
final class DoorConsumer extends SpringBootPlatformHttpConsumer {

  private final WebhookDoor door;

  DoorConsumer(PlatformHttpEndpoint endpoint, Processor processor, WebhookDoor door) {
    // the executor only serves a call that comes the MVC way (a path outside /webhooks/)
    super(endpoint, processor, Runnable::run);
    this.door = door;
  }

  String path() {
    return getEndpoint().getPath();
  }

  boolean preHook() {
    return path().endsWith("/pre");
  }

  void serve(HttpServletRequest request, HttpServletResponse response) throws Exception {
    handleService(request, response);
  }

  @Override
  protected void doStart() throws Exception {
    super.doStart();
    door.register(this);
  }

  @Override
  protected void doStop() throws Exception {
    door.unregister(this);
    super.doStop();
  }

  /** Whether a request URI matches a path template such as {@code /a/{name}} (one segment each). */
  static boolean matches(String template, String uri) {
    int t = 0;
    int u = 0;
    while (t < template.length() && u < uri.length()) {
      char c = template.charAt(t);
      if (c == '{') {
        int close = template.indexOf('}', t);
        if (close < 0) {
          return false;
        }
        int end = uri.indexOf('/', u);
        end = end < 0 ? uri.length() : end;
        if (end == u) {
          return false; // an empty segment is no value
        }
        t = close + 1;
        u = end;
      } else if (c == uri.charAt(u)) {
        t++;
        u++;
      } else {
        return false;
      }
    }
    return t == template.length() && u == uri.length();
  }
}
