package org.feedletter.bounce;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.feedletter.subscribe.LinkTokens;

/**
 * Reads the subscriber out of an original message's List-Unsubscribe header: the one-click link feedletter signed for
 * that subscriber and newsletter ({@link LinkTokens}, under web.secret). A link that does not verify names nobody.
 */
final class SignedUnsubscribeLinks implements ReportRecorder.UnsubscribeLinks {

    private static final Pattern TOKEN = Pattern.compile("<https?://[^>]*[?&]token=([^&>]+)[^>]*>");

    private final LinkTokens tokens;
    private final InstantSource clock;

    SignedUnsubscribeLinks(LinkTokens tokens, InstantSource clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    @Override
    public Optional<ReportRecorder.Subscription> verify(String listUnsubscribe) {
        Matcher m = TOKEN.matcher(listUnsubscribe);
        while (m.find()) {
            String token = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
            Optional<LinkTokens.Claims> claims = tokens.verify(token, LinkTokens.Purpose.UNSUBSCRIBE, clock.instant());
            if (claims.isPresent()) {
                return claims.map(c -> new ReportRecorder.Subscription(c.subscriberId(),
                        c.newsletterId().isEmpty() ? null : c.newsletterId()));
            }
        }
        return Optional.empty();
    }
}
