/**
 * The subscriber pages: sign-up form, confirmation, preferences and unsubscribe.
 */
package org.feedletter.web.subscriberpages;
