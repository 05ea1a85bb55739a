/**
 * Background work that must survive restarts and run once across nodes: a db-scheduler instance on
 * Warden's database, running every recurring task that the features declare as beans.
 */
@NullMarked
package dev.warden.server.jobs;

import org.jspecify.annotations.NullMarked;
