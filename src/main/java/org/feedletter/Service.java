package org.feedletter;

import org.feedletter.config.BounceConfig;
import org.feedletter.manage.BounceOperations;
import org.feedletter.config.FeedletterConfig;
import org.feedletter.manage.WorkCycle;
import org.feedletter.schedule.Scheduling;
import org.feedletter.schedule.Ticks;
import org.feedletter.store.Database;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * feedletter as a service ({@code run} without {@code --once}): the scheduler's ticks calling the work cycle, the
 * prompt as-published checks, and the web side. {@link Feedletter#close()} stops it.
 */
public final class Service {

    // Under the root's name, as before this class was split from it: operators' log filters know that one.
    private static final Logger log = LoggerFactory.getLogger(Feedletter.class);

    private final FeedletterConfig config;
    private final String nodeId;
    private final Database database;
    private final WorkCycle cycle;
    private final LazyWork work;
    private final BounceOperations bounces;
    private final WebSide web;
    private volatile Scheduling scheduling;

    Service(FeedletterConfig config, String nodeId, Database database, WorkCycle cycle, LazyWork work, WebSide web,
            BounceOperations bounces) {
        this.config = config;
        this.nodeId = nodeId;
        this.database = database;
        this.cycle = cycle;
        this.work = work;
        this.web = web;
        this.bounces = bounces;
    }

    /** Starts the scheduler, and the web server when one is configured; returns at once. */
    public void start() throws SchedulerException, StartupException {
        WorkingParts w = work.get();
        web.start();
        cycle.started();
        cycle.startPromptEditions();
        Ticks ticks = new Ticks(cycle::pollTick, cycle::buildTick, cycle::deliverTick);
        if (config.bounces().isPresent()) { // reads the bounce mailbox, if any, and warns of editions' rates
            ticks = ticks.withBounceMailbox(bounces::tick, config.bounces().get().mailbox()
                    .map(BounceConfig.Mailbox::every).orElse(BounceConfig.Mailbox.DEFAULT_EVERY));
        }
        scheduling = Scheduling.start(database.dataSource(), config.database().isPostgres(), nodeId, ticks, config.ticks());
        log.info("feedletter node {} running: {} feeds, {} newsletters, mail to {}", nodeId, config.feeds().size(),
                config.newsletters().size(), w.transport().describe());
    }

    /** Whether the scheduler runs, as {@code /health} tells. */
    boolean isScheduling() {
        Scheduling s = scheduling;
        return s != null && s.isRunning();
    }

    /** Stops the web side, then the scheduler, which lets the ticks that are running finish. */
    void close() {
        web.close();
        if (scheduling != null) {
            scheduling.close();
        }
    }
}
