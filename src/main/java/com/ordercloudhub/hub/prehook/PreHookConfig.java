package com.ordercloudhub.hub.prehook;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
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
}
