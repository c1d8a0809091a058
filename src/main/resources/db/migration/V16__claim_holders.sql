-- The process behind each node id that claims outbox rows, as the operating system knows it. A process starting on
-- the same machine can then tell that the one before it is gone (its process id runs no more, or runs a process
-- started later) and take back its claims at once, instead of after the claim timeout. See OutboxStore.enrol.
CREATE TABLE claim_holders (
    node        VARCHAR(200) PRIMARY KEY,            -- outbox.claimed_by
    host        VARCHAR(255) NOT NULL,               -- the host name
    boot_id     VARCHAR(64)  NOT NULL,               -- the kernel's boot id, '' where the system gives none
    os_user     VARCHAR(255) NOT NULL,
    pid         BIGINT       NOT NULL,
    started_at  TIMESTAMP WITH TIME ZONE NOT NULL,   -- when the process started, as the system tells it
    enrolled_at TIMESTAMP WITH TIME ZONE NOT NULL
);
