/**
 * Upkeep of the embedded H2 database file (the default single-node store): H2's own
 * background housekeeping does not run under {@code WRITE_DELAY=0}, which every
 * acknowledged message needs, so {@link io.chatspace.support.h2.H2FileMaintenance} does
 * it.
 */
package io.chatspace.support.h2;
