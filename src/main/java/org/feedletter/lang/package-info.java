/**
 * The languages of what readers get: the message bundles of the templates (shipped ones and an operator's overrides,
 * key by key), plural forms by CLDR's rules (ICU4J, loaded only when a plural is rendered), dates in a language's own
 * forms, text direction, the {@code msg} helper the templates call, and choosing a page's language from a browser's
 * {@code Accept-Language}.
 */
package org.feedletter.lang;
