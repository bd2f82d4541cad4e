package com.ordercloudhub.hub.inbound;

import com.ordercloudhub.hub.support.HubTest;

/** The Delivery Configuration HTTP target on the embedded default: H2 in PostgreSQL mode. */
@HubTest
class DeliveryEndpointsH2Test extends DeliveryEndpointsContract {}
