/**
 * Quartz: three ticks (poll, build editions, deliver) that call the features; clustered over several nodes on
 * PostgreSQL.
 */
package org.feedletter.schedule;
