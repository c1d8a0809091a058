package org.feedletter.schedule;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import javax.sql.DataSource;
import org.feedletter.config.TickSettings;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

/**
 * Quartz is the clock, the database is the state. Building editions is a cluster-wide job, kept in Quartz's JDBC
 * job store in our own database (its tables come with our migrations); with PostgreSQL that store is clustered, so
 * one node at a time builds and a dead node's job is taken over. Polling and delivery tick on every node, from a
 * node-local scheduler: a clustered trigger fires on one node per firing, and the row claims in the database are
 * what splits polling and delivery between nodes, so every node should tick them.
 */
public final class Scheduling implements AutoCloseable {

    private static final String GROUP = "feedletter";
    private static final Duration FIRST_DELIVERY_AFTER = Duration.ofSeconds(2);
    private static final Duration FIRST_EDITIONS_AFTER = Duration.ofSeconds(5);

    private final Scheduler cluster;
    private final Scheduler local;

    private Scheduling(Scheduler cluster, Scheduler local) {
        this.cluster = cluster;
        this.local = local;
    }

    /**
     * @param nodeId this node's name, unique in the cluster; Quartz's instance id
     */
    public static Scheduling start(DataSource dataSource, boolean clustered, String nodeId, Ticks ticks,
            TickSettings intervals) throws SchedulerException {
        TickJobFactory jobs = new TickJobFactory(ticks);
        Scheduler cluster = new StdSchedulerFactory(clusterProperties(dataSource, clustered, nodeId)).getScheduler();
        cluster.setJobFactory(jobs);
        // Earlier versions kept these node-local ticks in the cluster's store; they must not fire from there.
        cluster.deleteJobs(List.of(new JobKey("poll-feeds", GROUP), new JobKey("deliver", GROUP)));
        schedule(cluster, "build-editions", BuildEditionsJob.class, intervals.buildEditions(), FIRST_EDITIONS_AFTER);
        if (ticks.readBounces() != null) {
            schedule(cluster, "read-bounces", ReadBouncesJob.class, ticks.readBouncesEvery(), FIRST_EDITIONS_AFTER);
        } else {
            cluster.deleteJob(new JobKey("read-bounces", GROUP)); // a bounce mailbox configured before, and no more
        }
        Scheduler local = new StdSchedulerFactory(localProperties(nodeId)).getScheduler();
        local.setJobFactory(jobs);
        // Staggered first firings: at start-up the first poll should land before the first edition is built.
        schedule(local, "poll-feeds", PollFeedsJob.class, intervals.pollFeeds(), Duration.ZERO);
        schedule(local, "deliver", DeliverJob.class, intervals.deliver(), FIRST_DELIVERY_AFTER);
        cluster.start();
        local.start();
        return new Scheduling(cluster, local);
    }

    private static Properties clusterProperties(DataSource dataSource, boolean clustered, String nodeId) {
        // Quartz finds data sources by name in a JVM-wide registry; the name is unique so that several instances
        // (tests, or an embedded use) never share one.
        String dataSourceName = "feedletter-" + nodeId + "-" + System.identityHashCode(dataSource);
        DBConnectionManager.getInstance().addConnectionProvider(dataSourceName, new PooledConnections(dataSource));
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", "feedletter");
        p.setProperty("org.quartz.scheduler.instanceId", nodeId);
        p.setProperty("org.quartz.threadPool.threadCount", "2");
        p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", clustered
                ? "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate" : "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
        p.setProperty("org.quartz.jobStore.dataSource", dataSourceName);
        p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        p.setProperty("org.quartz.jobStore.isClustered", String.valueOf(clustered));
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval", "5000");
        p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        p.setProperty("org.quartz.jobStore.misfireThreshold", "30000");
        return p;
    }

    private static Properties localProperties(String nodeId) {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", "feedletter-node-" + nodeId);
        p.setProperty("org.quartz.scheduler.instanceId", nodeId);
        p.setProperty("org.quartz.threadPool.threadCount", "2");
        p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        p.setProperty("org.quartz.jobStore.misfireThreshold", "30000");
        return p;
    }

    private static void schedule(Scheduler scheduler, String name, Class<? extends Job> job, Duration every,
            Duration firstAfter) throws SchedulerException {
        JobDetail detail = JobBuilder.newJob(job).withIdentity(name, GROUP).storeDurably().build();
        Trigger trigger = TriggerBuilder.newTrigger()
                .withIdentity(name, GROUP)
                .forJob(detail)
                .startAt(Date.from(Instant.now().plus(firstAfter)))
                .withSchedule(SimpleScheduleBuilder.simpleSchedule()
                        .withIntervalInMilliseconds(every.toMillis())
                        .repeatForever()
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
        // Replacing keeps the stored job in step with this version's classes and intervals.
        scheduler.scheduleJob(detail, Set.of(trigger), true);
    }

    /** Stops firing and waits for the jobs that are running to finish. */
    @Override
    public void close() {
        try {
            local.shutdown(true);
            cluster.shutdown(true);
        } catch (SchedulerException e) {
            throw new IllegalStateException("stopping the scheduler failed", e);
        }
    }

    public boolean isRunning() {
        return running(local) && running(cluster);
    }

    private static boolean running(Scheduler scheduler) {
        try {
            return scheduler.isStarted() && !scheduler.isShutdown() && !scheduler.isInStandbyMode();
        } catch (SchedulerException e) {
            return false;
        }
    }

    /** Hands Quartz connections from our pool. */
    private record PooledConnections(DataSource dataSource) implements ConnectionProvider {
        @Override
        public Connection getConnection() throws SQLException {
            return dataSource.getConnection();
        }

        @Override
        public void shutdown() {
            // the pool belongs to the database, which closes it
        }

        @Override
        public void initialize() {}
    }
}
