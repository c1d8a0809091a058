package org.feedletter.schedule;

import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** Polls the feeds that are due. May run on several nodes at once: feed claims split the work. */
final class PollFeedsJob implements Job {

    private final GuardedTick tick;

    PollFeedsJob(GuardedTick tick) {
        this.tick = tick;
    }

    @Override
    public void execute(JobExecutionContext context) {
        tick.run();
    }
}
