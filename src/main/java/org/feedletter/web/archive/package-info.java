/**
 * The archive of sent editions, each as it went out, without personal links.
 */
package org.feedletter.web.archive;
