/**
 * The command line (picocli): each command loads the config, opens feedletter through the root and calls one
 * feature; what it prints is for people, logs go to the standard error. Beside a running service, the quick
 * commands are run by the service instead: {@link org.feedletter.cli.RelayClient} hands them over before picocli
 * loads, {@link org.feedletter.cli.CommandRelay} runs them on the service's open feedletter.
 */
package org.feedletter.cli;
