package org.feedletter.schedule;

import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs a tick's work unless this node is still busy with the previous one; a failure waits for the next tick. */
final class GuardedTick {

    private static final Logger log = LoggerFactory.getLogger(GuardedTick.class);

    private final String name;
    private final Runnable work;
    private final ReentrantLock running = new ReentrantLock();

    GuardedTick(String name, Runnable work) {
        this.name = name;
        this.work = work;
    }

    void run() {
        if (!running.tryLock()) {
            return;
        }
        try {
            work.run();
        } catch (RuntimeException e) {
            log.error("{} failed; the next tick tries again", name, e);
        } finally {
            running.unlock();
        }
    }
}
