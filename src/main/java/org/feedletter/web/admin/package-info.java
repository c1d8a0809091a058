/**
 * The admin pages: login, overview, feeds, newsletters, subscribers, items; every change through a POST the
 * router checks (session, CSRF token, origin).
 */
package org.feedletter.web.admin;
