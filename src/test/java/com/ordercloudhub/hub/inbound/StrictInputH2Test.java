package com.ordercloudhub.hub.inbound;

import com.ordercloudhub.hub.support.HubTest;

/** Strict, exact input on the embedded default database (H2 file, PostgreSQL mode). */
@HubTest
class StrictInputH2Test extends StrictInputContract {}
