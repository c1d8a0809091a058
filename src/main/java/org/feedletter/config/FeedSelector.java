package org.feedletter.config;

import java.net.URI;
import java.util.List;

/**
 * A feed named in a newsletter's filter.
 *
 * @param written as the config file says it, a feed's name or URL, for explanations
 * @param urls the feeds it stands for: one URL, or every configured feed of that name
 */
public record FeedSelector(String written, List<URI> urls) {

    public FeedSelector {
        urls = List.copyOf(urls);
    }
}
