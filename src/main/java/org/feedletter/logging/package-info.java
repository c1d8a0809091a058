/**
 * Logback's set-up in code: the format and levels every process starts with.
 */
package org.feedletter.logging;
