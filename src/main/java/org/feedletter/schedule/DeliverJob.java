package org.feedletter.schedule;

import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** Delivers the outbox rows that are due. May run on several nodes at once: row claims split the work. */
final class DeliverJob implements Job {

    private final GuardedTick tick;

    DeliverJob(GuardedTick tick) {
        this.tick = tick;
    }

    @Override
    public void execute(JobExecutionContext context) {
        tick.run();
    }
}
