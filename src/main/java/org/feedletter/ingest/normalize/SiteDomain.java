package org.feedletter.ingest.normalize;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The registrable domain a URL is on: what tells one site's pages from another's. */
public final class SiteDomain {

    private static final Pattern HOST = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://(?:[^@/?#]*@)?([^:/?#]+)");
    /** Second-level labels under which country domains register names (example.co.uk, example.com.au). */
    private static final Set<String> SECOND_LEVEL = Set.of("co", "com", "org", "net", "ac", "gov", "edu", "or", "ne",
            "go", "gv", "nic", "mil", "ltd", "plc", "sch", "info", "biz", "gob", "gouv", "nom", "int");

    private SiteDomain() {}

    /** "institute.example" for https://www.institute.example/feed/ and https://feeds.institute.example/x. */
    public static String of(String url) {
        if (url == null) {
            return null;
        }
        Matcher m = HOST.matcher(url);
        if (!m.find()) {
            return null;
        }
        String host = m.group(1).toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        String[] labels = host.split("\\.");
        if (labels.length <= 2 || host.chars().allMatch(c -> c == '.' || Character.isDigit(c))) {
            return host;
        }
        int keep = labels[labels.length - 1].length() == 2 && SECOND_LEVEL.contains(labels[labels.length - 2]) ? 3 : 2;
        return String.join(".", Arrays.copyOfRange(labels, labels.length - keep, labels.length));
    }
}
