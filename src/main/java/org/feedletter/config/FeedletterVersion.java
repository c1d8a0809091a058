package org.feedletter.config;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version Maven wrote into {@code /feedletter-version.properties}, or "dev" when run unbuilt. */
public final class FeedletterVersion {

    private static final String RESOURCE = "/feedletter-version.properties";

    private FeedletterVersion() {}

    public static String current() {
        try (InputStream in = FeedletterVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return "dev";
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "").strip();
            // An unfiltered resource still says ${project.version}.
            return version.isEmpty() || version.startsWith("${") ? "dev" : version;
        } catch (IOException e) {
            return "dev"; // the version only decorates the User-Agent; not worth failing start-up for
        }
    }

    /** What feedletter sends as User-Agent unless the config file says otherwise. */
    public static String userAgent() {
        return "feedletter/" + current() + " (+https://github.com/feedletter/feedletter)";
    }
}
