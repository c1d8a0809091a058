package org.feedletter.schedule;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** Builds the editions that are due; one node at a time cluster-wide (the newsletter lock makes it exact). */
@DisallowConcurrentExecution
final class BuildEditionsJob implements Job {

    private final GuardedTick tick;

    BuildEditionsJob(GuardedTick tick) {
        this.tick = tick;
    }

    @Override
    public void execute(JobExecutionContext context) {
        tick.run();
    }
}
