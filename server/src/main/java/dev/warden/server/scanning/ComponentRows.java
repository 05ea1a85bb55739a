package dev.warden.server.scanning;

import dev.warden.scanner.ArtifactPath;
import dev.warden.scanner.sca.Component;
import dev.warden.scanner.sca.Ecosystem;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The libraries each scan found bundled, in SQL. */
@Repository
class ComponentRows {
    /** The most components kept per scan (a real app bundles hundreds at most). */
    static final int MAX = 20_000;

    private final JdbcClient jdbc;

    ComponentRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(long scanId, List<Component> components) {
        int seq = 0;
        for (Component c : components.subList(0, Math.min(components.size(), MAX))) {
            if (c.name().length() > 300 || c.version().length() > 120) {
                continue; // the readers bound both far below; kept as a guard on what reaches the table
            }
            jdbc.sql("""
                            insert into scan_components (scan_id, seq, ecosystem, name, version, purl, location, source)
                            values (:scan, :seq, :ecosystem, :name, :version, :purl, :location, :source)
                            """)
                    .param("scan", scanId)
                    .param("seq", ++seq)
                    .param("ecosystem", c.ecosystem().name())
                    .param("name", c.name())
                    .param("version", c.version())
                    .param("purl", clip(c.purl(), 1000))
                    .param("location", clip(c.location().toString(), 4000))
                    .param("source", c.source().name())
                    .update();
        }
    }

    List<Component> of(long scanId) {
        return jdbc.sql("select ecosystem, name, version, location, source from scan_components where scan_id = :scan"
                        + " order by seq")
                .param("scan", scanId)
                .query((rs, n) -> new Component(
                        Ecosystem.valueOf(rs.getString("ecosystem")),
                        rs.getString("name"),
                        rs.getString("version"),
                        ArtifactPath.parse(rs.getString("location")),
                        Component.Source.valueOf(rs.getString("source"))))
                .list();
    }

    private static String clip(String s, int max) {
        return s.length() > max ? s.substring(0, max - 1) + "…" : s;
    }
}
