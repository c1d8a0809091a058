/**
 * The HTTP side (Jetty): the server, routing, security headers and error pages; the routes live in the
 * sub-packages, one per audience.
 */
package org.feedletter.web;
