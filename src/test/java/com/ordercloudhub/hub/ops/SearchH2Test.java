package com.ordercloudhub.hub.ops;

import com.ordercloudhub.hub.support.HubTest;

/** Search and the order's story on H2, the embedded default. */
@HubTest
class SearchH2Test extends SearchContract {}
