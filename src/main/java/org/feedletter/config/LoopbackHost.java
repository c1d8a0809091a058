package org.feedletter.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether a configured host name is this machine: {@code localhost}, 127.0.0.0/8 or ::1. Decided from the text
 * alone, without asking DNS: {@code config check} connects to nothing, and a name that resolves to the loopback
 * today may not tomorrow. Any other name counts as another machine.
 */
final class LoopbackHost {

    private static final Pattern DOTTED_QUAD = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    private LoopbackHost() {}

    static boolean isLoopback(String host) {
        String name = host.strip().toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.equals("localhost")) {
            return true;
        }
        var quad = DOTTED_QUAD.matcher(name);
        if (quad.matches()) {
            for (int i = 1; i <= 4; i++) {
                if (Integer.parseInt(quad.group(i)) > 255) {
                    return false;
                }
            }
            return Integer.parseInt(quad.group(1)) == 127;
        }
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        if (name.contains(":") && name.matches("[0-9a-f:.]+")) {
            try {
                // In brackets Java parses an IPv6 literal and never looks the text up in DNS.
                return InetAddress.getByName("[" + name + "]").isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }
        return false;
    }
}
