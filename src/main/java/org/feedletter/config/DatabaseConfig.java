package org.feedletter.config;

/**
 * Where feedletter keeps its state: an embedded H2 file by default, PostgreSQL to scale out.
 *
 * @param username may be empty
 * @param password may be empty; comes from the environment when set
 */
public record DatabaseConfig(String url, String username, String password, int poolSize) {

    public static final String DEFAULT_URL = "jdbc:h2:file:./data/feedletter";

    public boolean isPostgres() {
        return url.startsWith("jdbc:postgresql:");
    }

    @Override
    public String toString() {
        return "DatabaseConfig[url=" + url + ", username=" + username + ", password=" + (password.isEmpty() ? "" : "****")
                + ", poolSize=" + poolSize + "]";
    }
}
