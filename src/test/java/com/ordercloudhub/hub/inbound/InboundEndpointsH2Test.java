package com.ordercloudhub.hub.inbound;

import com.ordercloudhub.hub.support.HubTest;

/** The inbound contract on the embedded default: an H2 file database in PostgreSQL mode. */
@HubTest
class InboundEndpointsH2Test extends InboundEndpointsContract {}
