package org.feedletter.web.admin;

/** An admin page or action, called once the request has passed the admin checks. */
@FunctionalInterface
interface AdminHandler {

    void handle(AdminExchange exchange) throws Exception;
}
