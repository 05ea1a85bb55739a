package dev.warden.server.identity;

import dev.warden.server.shared.Databases;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.jdbc.PostgreSqlJdbcIndexedSessionRepositoryCustomizer;

/**
 * Console sessions write a new attribute with an upsert rather than a plain insert. Two requests of
 * one session that both add the same attribute (a browser asking for two pages at once right after
 * sign-in, each making the CSRF token) otherwise both insert it, and the second fails on the
 * attributes' primary key with a 500. PostgreSQL gets Spring Session's own {@code on conflict}
 * statement; H2 gets its {@code merge ... key}.
 */
@Configuration(proxyBeanMethods = false)
class SessionAttributeUpserts {
    private static final String H2_CREATE_ATTRIBUTE = """
            merge into %TABLE_NAME%_ATTRIBUTES (SESSION_PRIMARY_ID, ATTRIBUTE_NAME, ATTRIBUTE_BYTES)
            key (SESSION_PRIMARY_ID, ATTRIBUTE_NAME)
            values (?, ?, ?)
            """;

    @Bean
    SessionRepositoryCustomizer<JdbcIndexedSessionRepository> sessionAttributeUpsert(DataSource dataSource) {
        if (Databases.isH2(dataSource)) {
            return repository -> repository.setCreateSessionAttributeQuery(H2_CREATE_ATTRIBUTE);
        }
        return new PostgreSqlJdbcIndexedSessionRepositoryCustomizer();
    }
}
