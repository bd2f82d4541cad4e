package com.ordercloudhub.hub.prehook;

import jakarta.servlet.Filter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The workers that run pre-hook checks, apart from the ones answering, so answers keep time; and
 * the stamp their budget starts from.
 */
@Configuration(proxyBeanMethods = false)
class PreHookConfig {

  @Bean(destroyMethod = "shutdown")
  ThreadPoolTaskExecutor preHookChecks(PreHookProperties properties) {
    ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
    executor.setThreadNamePrefix("prehook-check-");
    executor.setCorePoolSize(Math.min(16, properties.checkThreads()));
    executor.setMaxPoolSize(properties.checkThreads());
    executor.setQueueCapacity(
        0); // no waiting line: a check either starts now or the policy answers
    executor.initialize();
    return executor;
  }

  /** Stamps each pre-hook as it reaches the hub, ahead of every other filter (see PreHookClock). */
  @Bean
  FilterRegistrationBean<Filter> preHookArrival() {
    FilterRegistrationBean<Filter> registration =
        new FilterRegistrationBean<>(
            (request, response, chain) -> {
              request.setAttribute(PreHookClock.RECEIVED_AT, System.nanoTime());
              chain.doFilter(request, response);
            });
    registration.addUrlPatterns("/webhooks/ordercloud/pre");
    registration.setName("preHookArrival");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }
}
