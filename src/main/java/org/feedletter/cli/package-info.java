/**
 * The command line (picocli): each command loads the config, opens feedletter through the root and calls one
 * feature; what it prints is for people, logs go to the standard error.
 */
package org.feedletter.cli;
