/**
 * The site's home page, where the merged feed's links point.
 */
package org.feedletter.web.home;
