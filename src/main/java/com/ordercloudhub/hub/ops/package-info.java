/**
 * What operators use behind the ops login: the {@code /ops} pages and {@code /api} (events,
 * deliveries, replays, templates, dry runs), health and its snapshots, Hawtio's Jolokia access
 * limited to an allow-list, and the login's throttling and security rules.
 */
package com.ordercloudhub.hub.ops;
