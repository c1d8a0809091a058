package org.feedletter.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What feedletter adds to an operator's PostgreSQL URL, and what it leaves as the operator wrote it. */
class PostgresUrlTest {

    @Test
    void batchedInsertsAreRewrittenIntoMultiRowStatements() {
        assertThat(Dialect.POSTGRESQL.tuneUrl("jdbc:postgresql://db.internal:5432/feedletter"))
                .isEqualTo("jdbc:postgresql://db.internal:5432/feedletter?reWriteBatchedInserts=true");
        assertThat(Dialect.POSTGRESQL.tuneUrl("jdbc:postgresql://127.0.0.1/test?currentSchema=a&sslmode=disable"))
                .isEqualTo("jdbc:postgresql://127.0.0.1/test?currentSchema=a&sslmode=disable&reWriteBatchedInserts=true");
    }

    @Test
    void anOperatorsOwnSettingIsKept() {
        String url = "jdbc:postgresql://127.0.0.1/test?rewriteBatchedInserts=false";

        assertThat(Dialect.POSTGRESQL.tuneUrl(url)).isEqualTo(url);
    }
}
