package com.ordercloudhub.hub.delivery;

import com.ordercloudhub.hub.support.DeliveryTest;

/** Ordering per business key on the embedded default database (H2 file, PostgreSQL mode). */
@DeliveryTest
class OrderingH2Test extends OrderingContract {}
