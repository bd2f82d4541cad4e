package com.ordercloudhub.hub.inbound;

import com.ordercloudhub.hub.prehook.PreHookProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.platform.http.spi.PlatformHttpConsumer;
import org.apache.camel.component.platform.http.spi.PlatformHttpEngine;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * The HTTP side of the inbound endpoints: the door in front of {@code /webhooks/**}, its two lanes,
 * and the platform-http engine whose consumers the door calls.
 */
@Configuration(proxyBeanMethods = false)
class InboundHttpConfig {

  /**
   * Pre-hooks run on workers of their own (a shopper's checkout waits for the answer, within its
   * budget); as many may run as there are workers, and idle workers time out. Post-hooks and
   * messages run on the thread the door finished reading them on (no hand-off), unless that is one
   * of the main port's overflow threads (see RequestQueue#runAdmitted).
   */
  @Bean(destroyMethod = "shutdown")
  ThreadPoolTaskExecutor preHookExecutor(PreHookProperties properties) {
    ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
    executor.setThreadNamePrefix("prehook-");
    executor.setCorePoolSize(properties.threads());
    executor.setMaxPoolSize(properties.threads());
    executor.setAllowCoreThreadTimeOut(true);
    executor.setQueueCapacity(properties.threads());
    executor.setWaitForTasksToCompleteOnShutdown(true);
    executor.setAwaitTerminationSeconds(10);
    executor.initialize();
    return executor;
  }

  @Bean(destroyMethod = "shutdown")
  WebhookDoor webhookDoor(
      InboundProperties inbound,
      PreHookProperties preHookProperties,
      ThreadPoolTaskExecutor preHookExecutor,
      OcSignature signature,
      DeliveryTargets deliveryTargets,
      RequestRejectedHandler rejected,
      PriorityPort priority,
      RequestQueue requestQueue,
      MeterRegistry meters) {
    long maxBody = inbound.maxBodySize().toBytes();
    long small = inbound.smallBodySize().toBytes();
    long reserve = inbound.smallBodyReserve().toBytes();
    Lane preHooks =
        new Lane(
            "prehook",
            new BodyBudget(inbound.preHookBodyBudget().toBytes(), reserve, small),
            maxBody,
            preHookProperties.threads(),
            inbound.queueCapacity(),
            preHookExecutor);
    Lane postHooks =
        new Lane(
            "posthook",
            new BodyBudget(inbound.bodyBudget().toBytes(), reserve, small),
            maxBody,
            inbound.threads(),
            inbound.queueCapacity(),
            requestQueue::runAdmitted);
    return new WebhookDoor(
        inbound, preHooks, postHooks, signature, deliveryTargets, rejected, priority, meters);
  }

  @Bean
  FilterRegistrationBean<WebhookDoor> webhookDoorFilter(WebhookDoor door) {
    // first of all filters: nothing (security, observation, form parsing) sees these calls before
    // it
    return firstFilter(door, "webhookDoor", "/webhooks/*");
  }

  /** A filter that runs ahead of every other one, async calls included. */
  private static <F extends jakarta.servlet.Filter> FilterRegistrationBean<F> firstFilter(
      F filter, String name, String urlPattern) {
    FilterRegistrationBean<F> registration = new FilterRegistrationBean<>(filter);
    registration.addUrlPatterns(urlPattern);
    registration.setName(name);
    registration.setAsyncSupported(true);
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  /** Readiness: not ready until the door is open, and not from the moment a stop begins. */
  @Bean
  HealthIndicator doorHealthIndicator(WebhookDoor door) {
    return () ->
        door.state() == WebhookDoor.State.OPEN
            ? Health.up().build()
            : Health.outOfService().withDetail("door", door.state().name().toLowerCase()).build();
  }

  /** The main port's request threads, with a bounded queue (see RequestQueue). */
  @Bean(destroyMethod = "shutdown")
  RequestQueue requestQueue(
      InboundProperties properties, ServerProperties server, MeterRegistry meters) {
    ServerProperties.Tomcat.Threads threads = server.getTomcat().getThreads();
    return new RequestQueue(
        "http",
        threads.getMax(),
        threads.getMinSpare(),
        properties.requestQueue(),
        properties.overflowThreads(),
        meters);
  }

  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> mainPortThreads(RequestQueue queue) {
    return factory ->
        factory.addConnectorCustomizers(
            connector -> connector.getProtocolHandler().setExecutor(queue));
  }

  @Bean
  PriorityPort priorityPort(InboundProperties properties) {
    return new PriorityPort(properties.priorityPort());
  }

  /** The second connector, when hub.inbound.priority-port is set (see PriorityPort). */
  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> priorityConnector(
      PriorityPort port, ServerProperties server) {
    return factory -> {
      if (port.configured()) {
        Duration timeout = server.getTomcat().getConnectionTimeout();
        factory.addAdditionalTomcatConnectors(
            port.connector(
                (int) server.getMaxHttpRequestHeaderSize().toBytes(),
                timeout == null ? 10_000 : (int) timeout.toMillis()));
      }
    };
  }

  @Bean
  FilterRegistrationBean<PriorityPort> priorityPortFilter(PriorityPort port) {
    return firstFilter(port, "priorityPort", "/*");
  }

  /** Tomcat closes a refused webhook call's connection without reading the rest (DoorValve). */
  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> doorValve() {
    return factory -> factory.addContextValves(new DoorValve());
  }

  @Bean(name = "platform-http-engine")
  PlatformHttpEngine platformHttpEngine(WebhookDoor door, @Value("${server.port:8080}") int port) {
    return new PlatformHttpEngine() {
      @Override
      public PlatformHttpConsumer createConsumer(
          PlatformHttpEndpoint endpoint, org.apache.camel.Processor processor) {
        return new DoorConsumer(endpoint, processor, door);
      }

      @Override
      public int getServerPort() {
        return port;
      }
    };
  }
}
