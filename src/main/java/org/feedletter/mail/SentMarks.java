package org.feedletter.mail;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.feedletter.store.OutboxStore;
import org.feedletter.store.OutboxStore.SentMark;

/**
 * Records sent messages durably, several at a time (group commit): a worker hands in its mark and waits until it
 * is on disk, and whichever worker gets to write first writes every mark waiting. Each connection still waits for
 * its own mark before it takes its next message, so a crash repeats at most one message per connection.
 */
final class SentMarks {

    private final OutboxStore outbox;
    private final String node;
    private final ReentrantLock writing = new ReentrantLock();
    private final Object queue = new Object();
    private List<Pending> waiting = new ArrayList<>();

    SentMarks(OutboxStore outbox, String node) {
        this.outbox = outbox;
        this.node = node;
    }

    /** @return false when this node's claim had been taken back meanwhile */
    boolean markSent(long id, String serverReply, Instant at) {
        Pending mine = new Pending(new SentMark(id, serverReply, at));
        synchronized (queue) {
            waiting.add(mine);
        }
        writing.lock();
        try {
            if (!mine.done) {
                List<Pending> batch;
                synchronized (queue) {
                    batch = waiting;
                    waiting = new ArrayList<>();
                }
                write(batch);
            }
        } finally {
            writing.unlock();
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
        return mine.recorded;
    }

    /** Runs under the writing lock; the waiters read their outcome after taking that lock in turn. */
    private void write(List<Pending> batch) {
        try {
            List<Boolean> recorded = outbox.markSent(batch.stream().map(p -> p.mark).toList(), node);
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).recorded = recorded.get(i);
            }
        } catch (RuntimeException e) {
            batch.forEach(p -> p.failure = e);
        }
        batch.forEach(p -> p.done = true);
    }

    private static final class Pending {
        final SentMark mark;
        boolean done;
        boolean recorded;
        RuntimeException failure;

        Pending(SentMark mark) {
            this.mark = mark;
        }
    }
}
