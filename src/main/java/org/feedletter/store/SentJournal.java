package org.feedletter.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.feedletter.store.OutboxStore.SentMark;

/**
 * Keeps "sent" marks through a killed process on H2 for a sliver of a CHECKPOINT's cost. H2 writes commits to its
 * file a moment later; flushing it after every message (CHECKPOINT) cost more CPU than rendering the message. So
 * each mark is committed and appended to this small file next to the database, which the operating system keeps
 * when the process dies. On start, what the database lost is read back from here; every so many marks the
 * database is flushed and the file emptied. PostgreSQL's commits are durable, so it needs none of this.
 *
 * <p>What it buys: docs/BENCHMARKS.md, "Send: 10,000 personalized digests (`bench/run send`)", the item "A durable
 * mark per message cost more than rendering it": a mark 1,200 -> 190 us of process CPU, and the outbox about 480 /
 * 630 / 870 -> 520 / 1,044 / 1,568 msgs/s at concurrency 1 / 4 / 8 (10,000 messages). That step also committed marks
 * in groups with plain JDBC ({@link OutboxStore#markSent(List, String)}); the two were not measured apart. Keeping
 * the file open between appends (the paragraph "Then: the shared lines encoded once, and a cheaper sent-mark
 * journal") took a mark from 83 to 55-78 us. {@code CrashSafetyTest} kills a sending process three times and shows
 * that only messages in flight at a kill go out twice.
 *
 * <p>One per {@link Database}, shared by every {@link OutboxStore} on it.
 */
final class SentJournal {

    static final int FLUSH_EVERY = 1000;

    private static final Pattern LINE_BREAKS = Pattern.compile("[\\r\\n]+");

    private final Path file;
    /** Open while marks are appended, so an append is one write, not an open, a write and a close. */
    private FileChannel channel;
    private int entries;
    private boolean replayed;

    SentJournal(Path file) {
        this.file = file;
    }

    /** Next to an H2 database at {@code base} (its path without ".mv.db"). */
    static SentJournal besides(Path base) {
        return new SentJournal(base.resolveSibling(base.getFileName() + ".sent.journal"));
    }

    /**
     * Appends marks whose commit has already happened (so a flush that empties the file never drops a mark whose
     * commit comes after it).
     *
     * @return true when the database should be flushed and the journal emptied ({@link #flushed})
     */
    synchronized boolean append(List<SentMark> marks) {
        StringBuilder lines = new StringBuilder(marks.size() * 64);
        for (SentMark mark : marks) {
            String reply = mark.serverReply() == null ? "" : mark.serverReply();
            if (reply.indexOf('\r') >= 0 || reply.indexOf('\n') >= 0) {
                reply = LINE_BREAKS.matcher(reply).replaceAll(" ");
            }
            lines.append(mark.id()).append(' ').append(mark.at()).append(' ').append(reply).append('\n');
        }
        try {
            if (channel == null) {
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND);
            }
            ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(lines));
            while (bytes.hasRemaining()) {
                channel.write(bytes); // in the operating system's hands when this returns: a killed process keeps it
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sent-mark journal " + file, e);
        }
        entries += marks.size();
        return entries >= FLUSH_EVERY;
    }

    /** Runs {@code flush} (which makes every commit so far durable), then empties the journal. */
    synchronized void flushed(Runnable flush) {
        flush.run();
        try {
            closeChannel();
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty the sent-mark journal " + file, e);
        }
        entries = 0;
    }

    /**
     * Once per process: hands what a previous process left here to {@code apply}, then flushes and empties the
     * journal, before any new mark is written.
     */
    synchronized void replayOnce(Consumer<List<SentMark>> apply, Runnable flush) {
        if (replayed) {
            return;
        }
        if (Files.exists(file)) { // no file: nothing to hand over, and a flush would cost every command its fsync
            apply.accept(read());
            flushed(flush);
        }
        replayed = true;
    }

    /** Closes the file; the next append opens it again. */
    synchronized void close() {
        try {
            closeChannel();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the sent-mark journal " + file, e);
        }
    }

    private void closeChannel() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }

    /** The marks written so far; a line cut short by a kill is skipped. */
    synchronized List<SentMark> read() {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sent-mark journal " + file, e);
        }
        List<SentMark> marks = new ArrayList<>(lines.size());
        for (String line : lines) {
            String[] parts = line.split(" ", 3);
            try {
                marks.add(new SentMark(Long.parseLong(parts[0]), parts.length > 2 ? parts[2] : "", Instant.parse(parts[1])));
            } catch (RuntimeException e) {
                // the last line, half written when the process died: its message is one of those in flight
            }
        }
        return marks;
    }
}
