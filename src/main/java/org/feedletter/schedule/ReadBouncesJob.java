package org.feedletter.schedule;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/**
 * Reads the bounce mailbox. A cluster-wide job: one node at a time reads it (each message is recorded under its own
 * key anyway, so a second reader would change nothing but the work done).
 */
@DisallowConcurrentExecution
final class ReadBouncesJob implements Job {

    private final GuardedTick tick;

    ReadBouncesJob(GuardedTick tick) {
        this.tick = tick;
    }

    @Override
    public void execute(JobExecutionContext context) {
        tick.run();
    }
}
