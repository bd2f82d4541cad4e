package com.ordercloudhub.hub.config;

import org.apache.catalina.Host;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Refusals the server makes before any of the hub's code runs answer the same JSON problem as the
 * rest: URLs Spring Security's firewall rejects, and errors Tomcat answers on its own. (Errors that
 * reach the error page are {@link ProblemErrorController}'s.)
 */
@Configuration(proxyBeanMethods = false)
class ServerErrorsConfig {

  /**
   * StrictHttpFirewall refuses encoded slashes and backslashes, {@code ;}, {@code ..}, {@code //},
   * {@code %00}, control and non-ASCII characters in the URL, and bad header values. Its message
   * quotes the offending part, so only a fixed text is answered.
   */
  @Bean
  RequestRejectedHandler requestRejectedHandler() {
    return (request, response, rejected) ->
        Problem.of(
                400,
                "request_rejected",
                "The request was refused: its URL, method or headers hold something the hub never"
                    + " accepts (an encoded slash or backslash, ';', '..', '//', a control or"
                    + " non-ASCII character).")
            .writeTo(response);
  }

  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
    return new ProblemErrorReports();
  }

  /**
   * Puts {@link ProblemErrorReportValve} in place of the host's ErrorReportValve. Runs last, after
   * Spring Boot's customizer has added its own (HTML) valve, so that one can be taken out; the host
   * is told the class too, or it would add a default valve again when it starts.
   */
  static final class ProblemErrorReports
      implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
      factory.addContextCustomizers(
          context -> {
            Host host = (Host) context.getParent();
            Pipeline pipeline = host.getPipeline();
            for (Valve valve : pipeline.getValves()) {
              if (valve instanceof ErrorReportValve) {
                pipeline.removeValve(valve);
              }
            }
            pipeline.addValve(new ProblemErrorReportValve());
            if (host instanceof StandardHost standard) {
              standard.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
          });
    }

    @Override
    public int getOrder() {
      return Ordered.LOWEST_PRECEDENCE;
    }
  }
}
