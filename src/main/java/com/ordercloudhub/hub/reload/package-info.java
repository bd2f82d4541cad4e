/**
 * Live reload of route files (dev profile, or when enabled): a changed file is checked first and
 * replaces the running routes only when the check passes, never while an event is being planned.
 */
package com.ordercloudhub.hub.reload;
