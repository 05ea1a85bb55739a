package dev.warden.server.audit;

import dev.warden.core.audit.ChainHash;
import dev.warden.core.audit.ChainedEntry;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The audit entries of one transaction, chained together just before it commits: the head is locked,
 * every entry gets the next sequence number and the previous entry's hash, the entries are inserted in
 * one batch and the head moves once. The lock is held from then until the commit, so one transaction's
 * entries are consecutive in the chain and appends of different transactions never interleave.
 *
 * <p>A transaction that records very many entries (an import) chains them every {@link #FLUSH_AT}
 * entries; the head stays locked from the first of those chainings until the commit.
 */
final class AuditBatch implements TransactionSynchronization {
    static final int FLUSH_AT = 1000;

    private final AuditRows rows;
    private final List<Unchained> pending = new ArrayList<>();
    private boolean committing;

    private final Key key;

    private AuditBatch(AuditRows rows, Key key) {
        this.rows = rows;
        this.key = key;
    }

    /**
     * The batch of the current transaction, begun on its first entry. It is kept as a resource of the
     * transaction keyed by the transaction's connection: an inner {@code REQUIRES_NEW} transaction has
     * another connection, so it has its own batch and commits its own entries. (Looking the batch up
     * among the synchronizations would sort them on every entry: thousands per import.)
     */
    static AuditBatch current(AuditRows rows, DataSource dataSource) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("audit entries are recorded inside a transaction");
        }
        Object connection = TransactionSynchronizationManager.getResource(dataSource);
        if (connection == null) {
            throw new IllegalStateException("audit entries are recorded in a database transaction");
        }
        Key key = new Key(connection);
        AuditBatch batch = (AuditBatch) TransactionSynchronizationManager.getResource(key);
        if (batch == null) {
            batch = new AuditBatch(rows, key);
            TransactionSynchronizationManager.bindResource(key, batch);
            TransactionSynchronizationManager.registerSynchronization(batch);
        }
        return batch;
    }

    /** A transaction's batch's key: its connection holder, compared by identity. */
    private record Key(Object connection) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.connection == connection;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(connection);
        }
    }

    /** An entry before it has its place in the chain. */
    record Unchained(
            java.time.Instant at,
            String actorKind,
            String actorId,
            String action,
            String subjectType,
            String subjectId,
            @org.jspecify.annotations.Nullable String partner,
            String details) {}

    void add(Unchained entry) {
        pending.add(entry);
        // An entry recorded while the transaction commits (by another synchronization) is chained at once.
        if (committing || pending.size() >= FLUSH_AT) {
            chain();
        }
    }

    @Override
    public void beforeCommit(boolean readOnly) {
        committing = true;
        chain();
    }

    @Override
    public void afterCompletion(int status) {
        TransactionSynchronizationManager.unbindResourceIfPossible(key);
    }

    private void chain() {
        if (pending.isEmpty()) {
            return;
        }
        AuditRows.Head head = rows.lockHead();
        long seq = head.seq();
        String hash = head.hash();
        List<ChainedEntry> chained = new ArrayList<>(pending.size());
        for (Unchained e : pending) {
            ChainedEntry sealed = new ChainedEntry(
                            ++seq,
                            ChainHash.CANONICAL,
                            e.at(),
                            e.actorKind(),
                            e.actorId(),
                            e.action(),
                            e.subjectType(),
                            e.subjectId(),
                            e.partner(),
                            e.details(),
                            hash,
                            "")
                    .sealed();
            hash = sealed.hash();
            chained.add(sealed);
        }
        rows.append(chained);
        pending.clear();
    }
}
