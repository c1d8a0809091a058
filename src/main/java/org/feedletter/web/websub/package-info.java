/**
 * WebSub callbacks ({@code /websub/{id}}): the hubs' verifications of intent and their pushes, handed to
 * {@code manage.PushOperations}.
 */
package org.feedletter.web.websub;
