/**
 * What every other package builds on: the application clock, the secret rule that decides what must
 * never be logged, stored or shown (and the log encoders that apply it), and the problem answers
 * ({@code application/problem+json}) the server gives for errors outside a route. It imports no
 * other package of the hub.
 */
package com.ordercloudhub.hub.config;
