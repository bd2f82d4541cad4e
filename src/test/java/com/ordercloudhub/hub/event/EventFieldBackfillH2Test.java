package com.ordercloudhub.hub.event;

import com.ordercloudhub.hub.support.HubTest;

/** The search backfill on H2. */
@HubTest
class EventFieldBackfillH2Test extends EventFieldBackfillContract {}
