package com.ordercloudhub.hub.check;

/** An {@code id:} of a route, route configuration, {@code from} or step, where it is written. */
public record Id(String value, Location at) {}
