package org.feedletter.web.bouncehooks;

import java.time.InstantSource;
import org.feedletter.bounce.ReportRecorder;
import org.feedletter.config.BounceConfig;
import org.feedletter.web.Router;

/** The webhooks the bounces section names, on the router. */
public final class BounceHooks {

    private BounceHooks() {}

    public static void register(Router router, BounceConfig config, ReportRecorder recorder, long maxBody,
            InstantSource clock) {
        if (!config.sesTopics().isEmpty()) {
            new SesWebhook(config.sesTopics(), recorder, maxBody).register(router);
        }
        if (!config.mailgunSigningKey().isEmpty()) {
            new MailgunWebhook(config.mailgunSigningKey(), recorder, maxBody, clock).register(router);
        }
    }
}
