package com.ordercloudhub.hub.delivery;

import com.ordercloudhub.hub.support.HubTest;

/** Delivery on the embedded default database (H2 file, PostgreSQL mode). */
@HubTest
class DeliveryH2Test extends DeliveryContract {}
