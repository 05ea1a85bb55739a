package dev.warden.server.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.core.audit.ChainCheck;
import dev.warden.server.shared.Actor;
import dev.warden.server.testing.IntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Entries recorded in one transaction are chained together as it commits: consecutive, verifiable, gone
 * with a rollback, and an inner transaction's entries committed with it, not with the outer one.
 */
@IntegrationTest
@DirtiesContext
@TestPropertySource(properties = "warden.jobs.enabled=false") // nothing appends behind the test's back
class AuditBatchIT {
    private static final Actor ACTOR = Actor.system("batch-test");

    @Autowired
    AuditTrail trail;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void aTransactionsEntriesAreConsecutiveInTheChainEvenPastOneChaining() {
        long before = head();
        int entries = AuditBatch.FLUSH_AT * 2 + 500;

        new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            for (int i = 0; i < entries; i++) {
                trail.record(ACTOR, "BATCH_TEST", "thing", "t-" + i, null, Map.of("i", i));
            }
        });

        assertThat(head()).isEqualTo(before + entries);
        List<String> subjects = jdbc.sql("select subject_id from audit_log where seq > :s order by seq")
                .param("s", before)
                .query(String.class)
                .list();
        assertThat(subjects).hasSize(entries).startsWith("t-0", "t-1").endsWith("t-" + (entries - 1));
        ChainCheck check = trail.verify();
        assertThat(check.intact()).as(check.toString()).isTrue();
        assertThat(check.checked()).isEqualTo(head());
    }

    @Test
    void aRolledBackTransactionLeavesNoEntryEvenAfterAChainingMidway() {
        long before = head();

        assertThatThrownBy(() -> new TransactionTemplate(transactions).executeWithoutResult(tx -> {
                    for (int i = 0; i < AuditBatch.FLUSH_AT + 10; i++) {
                        trail.record(ACTOR, "BATCH_TEST", "thing", "gone-" + i, null, Map.of());
                    }
                    throw new IllegalStateException("the change failed");
                }))
                .hasMessage("the change failed");

        assertThat(head()).isEqualTo(before);
        assertThat(jdbc.sql("select count(*) from audit_log where subject_id like 'gone-%'")
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(trail.verify().intact()).isTrue();
    }

    @Test
    void anInnerTransactionCommitsItsOwnEntriesBeforeTheOuterOnes() {
        long before = head();
        TransactionTemplate inner = new TransactionTemplate(transactions);
        inner.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);

        new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            trail.record(ACTOR, "BATCH_TEST", "thing", "outer-1", null, Map.of());
            inner.executeWithoutResult(t -> trail.record(ACTOR, "BATCH_TEST", "thing", "inner-1", null, Map.of()));
            trail.record(ACTOR, "BATCH_TEST", "thing", "outer-2", null, Map.of());
        });

        assertThat(jdbc.sql("select subject_id from audit_log where seq > :s order by seq")
                        .param("s", before)
                        .query(String.class)
                        .list())
                .containsExactly("inner-1", "outer-1", "outer-2");
        assertThat(trail.verify().intact()).isTrue();
    }

    private long head() {
        return jdbc.sql("select seq from audit_head where id = 1")
                .query(Long.class)
                .single();
    }
}
