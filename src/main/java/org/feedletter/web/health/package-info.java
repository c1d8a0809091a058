/**
 * Liveness, readiness and the metrics page.
 */
package org.feedletter.web.health;
