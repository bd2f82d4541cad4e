/**
 * Pre-hooks ({@code BeforeProcessRequest}): each event type's decision route runs its checks (order
 * rules, address checks, user rules) on a worker pool within the event type's budget, and the
 * decision is answered and then recorded off the response path.
 */
package com.ordercloudhub.hub.prehook;
