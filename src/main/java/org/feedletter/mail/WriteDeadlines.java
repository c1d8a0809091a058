package org.feedletter.mail;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Delayed;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The SMTP write timeout of every connection, watched by one thread for the process. Angus Mail's own gives each
 * connection a scheduler thread, and at every write to the socket schedules the timeout there and cancels it after:
 * each write woke that thread (an eighth of the delivering threads' time in a send of 10,000 digests, besides the
 * woken threads' own; docs/BENCHMARKS.md, "Send"). Here a write's deadline is noted in a set, waking nothing, and one thread looks for
 * passed deadlines once per tick: a write stalled for the timeout is cut at most a tick later. Only one-off tasks,
 * which is all Angus schedules ({@code mail.smtp.executor.writetimeout}).
 */
final class WriteDeadlines extends AbstractExecutorService implements ScheduledExecutorService {

    /** The process's one: SMTP transports share it. */
    static final WriteDeadlines SHARED = new WriteDeadlines(Duration.ofSeconds(1));

    private final long tickNanos;
    private final Set<Deadline<?>> pending = ConcurrentHashMap.newKeySet();
    private volatile Thread watcher;
    private volatile boolean shutDown;

    WriteDeadlines(Duration tick) {
        this.tickNanos = tick.toNanos();
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> task, long delay, TimeUnit unit) {
        if (shutDown) {
            throw new java.util.concurrent.RejectedExecutionException("write deadlines are shut down");
        }
        Deadline<V> deadline = new Deadline<>(task, System.nanoTime() + unit.toNanos(delay));
        pending.add(deadline);
        if (watcher == null) {
            startWatcher();
        }
        return deadline;
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
        return schedule(Executors.callable(task), delay, unit);
    }

    private synchronized void startWatcher() {
        if (watcher == null) {
            Thread t = new Thread(this::watch, "smtp-write-deadlines");
            t.setDaemon(true);
            t.start();
            watcher = t;
        }
    }

    private void watch() {
        while (!shutDown) {
            LockSupport.parkNanos(tickNanos);
            long now = System.nanoTime();
            for (Deadline<?> d : pending) {
                if (now - d.at >= 0 && pending.remove(d)) {
                    d.run(); // Angus's task closes the socket, which ends the stalled write with an exception
                }
            }
        }
    }

    /** How many deadlines are noted and not yet passed or cancelled. */
    int pending() {
        return pending.size();
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, long initialDelay, long period, TimeUnit unit) {
        throw new UnsupportedOperationException("write deadlines run one-off tasks only");
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, long initialDelay, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException("write deadlines run one-off tasks only");
    }

    @Override
    public void execute(Runnable command) {
        throw new UnsupportedOperationException("write deadlines run tasks at a deadline only");
    }

    @Override
    public void shutdown() {
        shutDown = true;
        Thread t = watcher;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    @Override
    public List<Runnable> shutdownNow() {
        shutdown();
        List<Runnable> left = List.copyOf(pending);
        pending.clear();
        return left;
    }

    @Override
    public boolean isShutdown() {
        return shutDown;
    }

    @Override
    public boolean isTerminated() {
        Thread t = watcher;
        return shutDown && (t == null || !t.isAlive());
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        Thread t = watcher;
        if (t != null) {
            t.join(Math.max(1, unit.toMillis(timeout)));
        }
        return isTerminated();
    }

    /** A task due at a moment ({@link System#nanoTime()}); cancelling it forgets it at once. */
    private final class Deadline<V> extends FutureTask<V> implements ScheduledFuture<V> {
        private final long at;

        Deadline(Callable<V> task, long at) {
            super(task);
            this.at = at;
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            pending.remove(this);
            return super.cancel(mayInterruptIfRunning);
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(at - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
        }
    }
}
