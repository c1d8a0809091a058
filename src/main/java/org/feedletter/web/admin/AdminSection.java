package org.feedletter.web.admin;

/** One part of the admin pages (feeds, newsletters, ...): adds its pages and actions to the admin router. */
public interface AdminSection {

    void addTo(AdminRouter admin);
}
