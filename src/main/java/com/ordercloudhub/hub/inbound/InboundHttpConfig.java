package com.ordercloudhub.hub.inbound;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.ordercloudhub.hub.prehook.PreHookProperties;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.platform.http.spi.PlatformHttpConsumer;
import org.apache.camel.component.platform.http.spi.PlatformHttpEngine;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpConsumer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/** The HTTP side of the inbound endpoints: the body limit and the threads that run the routes. */
@Configuration(proxyBeanMethods = false)
class InboundHttpConfig {

  @Bean
  FilterRegistrationBean<BodyLimitFilter> bodyLimitFilter(
      InboundProperties properties, ObjectMapper mapper) {
    FilterRegistrationBean<BodyLimitFilter> registration =
        new FilterRegistrationBean<>(new BodyLimitFilter(properties, mapper));
    registration.addUrlPatterns("/webhooks/*");
    registration.setName("bodyLimitFilter");
    // before Spring's FormContentFilter and Security, so nothing reads the body ahead of it
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }

  /**
   * platform-http runs each request's route on an executor. A dedicated, bounded pool keeps
   * OrderCloud traffic apart from other async work, and a full queue is refused instead of growing
   * without limit.
   */
  @Bean(destroyMethod = "shutdown")
  ThreadPoolTaskExecutor inboundExecutor(InboundProperties properties) {
    ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
    executor.setThreadNamePrefix("inbound-");
    executor.setCorePoolSize(properties.threads());
    executor.setMaxPoolSize(properties.threads());
    executor.setQueueCapacity(properties.queueCapacity());
    executor.setWaitForTasksToCompleteOnShutdown(true);
    executor.setAwaitTerminationSeconds(30);
    executor.initialize();
    return executor;
  }

  /**
   * Pre-hooks have workers of their own: a shopper's checkout never waits behind post-hooks. All of
   * them may run at once: a pool grows past its core size only when its queue is full, so with a
   * smaller core the pre-hooks beyond it would wait in the queue behind slow checks, and that wait
   * is outside the budget (the budget starts when a worker takes the call). Idle workers time out.
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

  @Bean(name = "platform-http-engine")
  PlatformHttpEngine platformHttpEngine(
      ThreadPoolTaskExecutor inboundExecutor,
      ThreadPoolTaskExecutor preHookExecutor,
      @Value("${server.port:8080}") int port) {
    return new PlatformHttpEngine() {
      @Override
      public PlatformHttpConsumer createConsumer(
          PlatformHttpEndpoint endpoint, org.apache.camel.Processor processor) {
        boolean preHook = endpoint.getPath().endsWith("/pre");
        return new SpringBootPlatformHttpConsumer(
            endpoint, processor, preHook ? preHookExecutor : inboundExecutor);
      }

      @Override
      public int getServerPort() {
        return port;
      }
    };
  }
}
