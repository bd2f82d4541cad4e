/**
 * What a check of the integrator's files is: the route files parsed once into an immutable model
 * with locations ({@link RouteModel}), the problem a rule reports ({@link Problem}) and the rule
 * SPI ({@link RouteRule}) that the route check's own rules and the destinations' rules implement
 * (found with {@link java.util.ServiceLoader}). It imports no other package of the hub.
 */
package com.ordercloudhub.hub.check;
