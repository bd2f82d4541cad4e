package com.ordercloudhub.hub.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.TestPropertySource;

/**
 * The whole hub on a random loopback port, in strict mode with test secrets given the way an
 * operator gives them (OC_HASH_KEYS, …) and an H2 file database of its own (hub-test.properties).
 * Classes with the same extra configuration share one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(locations = "classpath:hub-test.properties")
public @interface HubTest {}
