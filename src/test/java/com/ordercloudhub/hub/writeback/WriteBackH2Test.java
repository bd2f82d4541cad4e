package com.ordercloudhub.hub.writeback;

import com.ordercloudhub.hub.support.HubTest;

/** Write-back on the embedded default database (H2 file, PostgreSQL mode). */
@HubTest
class WriteBackH2Test extends WriteBackContract {}
