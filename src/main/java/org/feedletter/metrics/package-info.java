/**
 * Metrics for Prometheus, recorded from the summaries the features return; the features know nothing of it.
 */
package org.feedletter.metrics;
