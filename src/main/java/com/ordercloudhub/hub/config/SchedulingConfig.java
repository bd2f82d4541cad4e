package com.ordercloudhub.hub.config;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Periodic work: metrics read from the database. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SchedulingConfig {}
