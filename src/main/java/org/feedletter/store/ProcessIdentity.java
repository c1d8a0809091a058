package org.feedletter.store;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * An operating-system process as another process on the same machine can recognise it: host name, kernel boot, user,
 * process id and start time. That is how a restarted feedletter knows, rather than guesses, that the process whose
 * claims it finds is gone.
 *
 * @param bootId the Linux kernel's boot id; empty where the system gives none, and then no process is ever judged
 *     gone: without it a process on another machine of the same host name could not be told apart
 */
public record ProcessIdentity(String host, String bootId, String user, long pid, Instant startedAt) {

    /** Start times read by two processes differ by rounding at most; a process id reused is started later. */
    private static final Duration SAME_START = Duration.ofSeconds(1);
    private static final Path BOOT_ID = Path.of("/proc/sys/kernel/random/boot_id");

    /** This process. */
    public static ProcessIdentity current() {
        ProcessHandle self = ProcessHandle.current();
        ProcessHandle.Info info = self.info();
        return new ProcessIdentity(hostName(), readBootId(), info.user().orElse(System.getProperty("user.name")),
                self.pid(), info.startInstant()
                        .orElseGet(() -> Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime())));
    }

    /**
     * True only when this process is known to have ended, as seen from {@code here}: it ran on the same machine
     * since its last boot, as the same user (another user's processes may be hidden from view), and its process id
     * now names no process, a finished one waiting to be reaped, or one started at another time. Anything less
     * certain (another machine, another user, no boot id, no start time to compare) is not gone.
     */
    public boolean isGoneAsSeenFrom(ProcessIdentity here) {
        if (bootId.isEmpty() || !bootId.equals(here.bootId) || !host.equals(here.host) || !user.equals(here.user)) {
            return false;
        }
        Optional<ProcessHandle> now = ProcessHandle.of(pid);
        if (now.isEmpty() || !now.get().isAlive() || isZombie(pid)) {
            return true;
        }
        return now.get().info().startInstant()
                .map(started -> Duration.between(started, startedAt).abs().compareTo(SAME_START) > 0)
                .orElse(false);
    }

    /** Linux: a process that ended and was not yet reaped still has its id, in state Z (or X while it goes). */
    private static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
            int afterName = stat.lastIndexOf(')');
            char state = afterName >= 0 && afterName + 2 < stat.length() ? stat.charAt(afterName + 2) : '?';
            return state == 'Z' || state == 'X';
        } catch (IOException | RuntimeException e) {
            return false; // no /proc here, or the process just went: the other checks decide
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    private static String readBootId() {
        try {
            return Files.readString(BOOT_ID, StandardCharsets.US_ASCII).strip();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
