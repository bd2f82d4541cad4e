/**
 * The route check: the integrator's route files, mappings and templates checked against the Camel
 * YAML schema and the hub's conventions before they run, at build time ({@code -Pcheck-routes}), at
 * start and on every live reload, with messages that name the file, line and fix.
 */
package com.ordercloudhub.hub.routecheck;
