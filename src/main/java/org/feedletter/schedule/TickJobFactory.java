package org.feedletter.schedule;

import org.quartz.Job;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.spi.JobFactory;
import org.quartz.spi.TriggerFiredBundle;

/** Builds our jobs with their work handed in, instead of Quartz's reflective no-argument construction. */
final class TickJobFactory implements JobFactory {

    private final GuardedTick pollFeeds;
    private final GuardedTick buildEditions;
    private final GuardedTick deliver;
    private final GuardedTick readBounces;

    TickJobFactory(Ticks ticks) {
        this.pollFeeds = new GuardedTick("polling feeds", ticks.pollFeeds());
        this.buildEditions = new GuardedTick("building editions", ticks.buildEditions());
        this.deliver = new GuardedTick("delivering", ticks.deliver());
        this.readBounces = ticks.readBounces() == null ? null
                : new GuardedTick("reading the bounce mailbox", ticks.readBounces());
    }

    @Override
    public Job newJob(TriggerFiredBundle bundle, Scheduler scheduler) throws SchedulerException {
        Class<? extends Job> type = bundle.getJobDetail().getJobClass();
        if (type == PollFeedsJob.class) {
            return new PollFeedsJob(pollFeeds);
        }
        if (type == BuildEditionsJob.class) {
            return new BuildEditionsJob(buildEditions);
        }
        if (type == DeliverJob.class) {
            return new DeliverJob(deliver);
        }
        if (type == ReadBouncesJob.class && readBounces != null) {
            return new ReadBouncesJob(readBounces);
        }
        throw new SchedulerException("unknown job " + type.getName() + " in the Quartz tables");
    }
}
