package org.feedletter.config;

/** The header in which the reverse proxies of {@code web.trusted-proxies} name the client they forward for. */
public enum ClientAddressHeader {
    /** {@code X-Forwarded-For: client, proxy1, proxy2}: what nginx, HAProxy, Traefik and most load balancers write. */
    X_FORWARDED_FOR("X-Forwarded-For"),
    /** {@code Forwarded: for=client, for=proxy1} (RFC 7239). */
    FORWARDED("Forwarded");

    private final String headerName;

    ClientAddressHeader(String headerName) {
        this.headerName = headerName;
    }

    public String headerName() {
        return headerName;
    }
}
