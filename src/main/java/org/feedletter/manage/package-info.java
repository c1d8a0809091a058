/**
 * What an operator does to feedletter while it runs, said and checked once for the command line and the admin
 * pages alike: the rules (a config feed is changed in the file) and the words of the answer.
 */
package org.feedletter.manage;
