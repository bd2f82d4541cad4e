package com.ordercloudhub.hub.event;

import com.ordercloudhub.hub.support.HubTest;
import org.springframework.test.context.TestPropertySource;

/** {@link SearchIntakeBench} on H2. */
@HubTest
@TestPropertySource(properties = "hub.delivery.enabled=false")
class SearchIntakeH2Bench extends SearchIntakeBench {}
