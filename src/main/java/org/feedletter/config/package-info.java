/**
 * The config file, {@code config/feedletter.yaml}: {@link org.feedletter.config.ConfigLoader} reads it into the
 * immutable {@link org.feedletter.config.FeedletterConfig} or fails with every
 * {@link org.feedletter.config.ConfigProblem} in it, each with file and line.
 *
 * <p>How it is read: {@code YamlTree} turns the text into {@code YamlNode}s that keep their lines;
 * {@code ConfigReader} reads one section per method through {@code Section}, which checks keys and collects
 * problems; {@code Values} parses single values. To add a key, add it to the section's key list in
 * {@code ConfigReader} and read it in the section's method; to add a section, add a key list and a method.
 *
 * <p>{@code Durations} reads the config's durations and writes every duration feedletter shows, for the config
 * (loads back) and for people; a new way to show one goes there.
 */
package org.feedletter.config;
