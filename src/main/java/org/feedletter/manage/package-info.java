/**
 * The operations layer: what an operator does and looks at (through the command line or the admin pages) and what
 * the scheduler's ticks do, one class per subject over the stores, which no caller outside gets. Said and checked
 * once, so the CLI and the admin pages answer alike; every poll, build and delivery is counted in the metrics and on
 * the node's row whoever asked for it.
 */
package org.feedletter.manage;
