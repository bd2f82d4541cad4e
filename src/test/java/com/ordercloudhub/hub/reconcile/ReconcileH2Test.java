package com.ordercloudhub.hub.reconcile;

import com.ordercloudhub.hub.support.HubTest;

/** Reconciliation on the embedded default database (H2 in PostgreSQL mode). */
@HubTest
class ReconcileH2Test extends ReconcileContract {}
