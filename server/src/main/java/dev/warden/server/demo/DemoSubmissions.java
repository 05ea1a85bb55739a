package dev.warden.server.demo;

import dev.warden.core.catalog.Hosting;
import dev.warden.core.catalog.PartnerId;
import dev.warden.server.reviews.SubmissionViews;
import dev.warden.server.reviews.Submissions;
import dev.warden.server.scanning.AppVersions;
import dev.warden.server.shared.Actor;
import dev.warden.server.shared.Permission;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The security review queue of the demo marketplace, with real artifacts: a new app whose settings page
 * asks for the user's API token (blocked by the scan), a clean new app waiting for an analyst, a major
 * version sent back for changes, and a rejected one. None is approved, so the catalog stays as loaded.
 */
final class DemoSubmissions {
    private static final Actor ANALYST = Actor.system("demo");

    private DemoSubmissions() {}

    static final Map<String, String> CLEAN = Map.of(
            "user-api-tokens", "NO",
            "oauth-secret-storage", "SECRET_MANAGER",
            "stores-data", "YES",
            "data-residency", "EU (Frankfurt), US (Oregon)",
            "egress-domains", "api.example-vendor.com",
            "security-contact", "YES",
            "incident-response-process", "YES",
            "bug-bounty", "YES");

    static void load(Submissions submissions, AppVersions versions) {
        Map<String, byte[]> whiteboard = new LinkedHashMap<>();
        whiteboard.put("atlassian-connect.json", DemoVersions.utf8("""
                {"key": "com.zenith.whiteboard", "baseUrl": "https://whiteboard.zenith.example", "scopes": ["READ"]}
                """));
        whiteboard.put("static/connect.js", DemoVersions.utf8("""
                const field = { name: 'apiToken', label: 'Paste your Atlassian API token', type: 'password' };
                export function headers(email, apiToken) {
                  return { Authorization: 'Basic ' + btoa(email + ':' + apiToken) };
                }
                export const form = [field];
                """));
        submit(
                submissions,
                "zenith-apps",
                SubmissionViews.Kind.NEW_APP,
                "com.zenith.whiteboard",
                "Zenith Whiteboard",
                Hosting.CLOUD,
                "1.0.0",
                DemoVersions.zip(whiteboard));

        Map<String, byte[]> expenses = new LinkedHashMap<>();
        expenses.put("atlassian-connect.json", DemoVersions.utf8("""
                {"key": "com.acme.expenses", "baseUrl": "https://expenses.acme.example", "scopes": ["READ", "WRITE"]}
                """));
        expenses.put("static/app.js", DemoVersions.utf8("""
                export async function issues(projectKey) {
                  const response = await AP.request({ url: '/rest/api/3/search?jql=project=' + projectKey });
                  return JSON.parse(response.body).issues;
                }
                export async function log(issue, body) {
                  return AP.request({ url: '/rest/api/3/issue/' + issue + '/worklog', type: 'POST', data: body });
                }
                """));
        submit(
                submissions,
                "acme-software",
                SubmissionViews.Kind.NEW_APP,
                "com.acme.expenses",
                "Acme Expenses",
                Hosting.CLOUD,
                "1.0.0",
                DemoVersions.zip(expenses));

        Map<String, byte[]> sqlReports = new LinkedHashMap<>();
        sqlReports.put("atlassian-connect.json", DemoVersions.utf8("""
                {"key": "com.northwind.sql-reports", "baseUrl": "https://reports.northwind.example", "scopes": ["READ"]}
                """));
        long changes = submit(
                submissions,
                "northwind-labs",
                SubmissionViews.Kind.MAJOR_VERSION,
                "com.northwind.sql-reports",
                null,
                null,
                "3.0.0",
                DemoVersions.zip(sqlReports));

        Map<String, byte[]> slaReportsDc = new LinkedHashMap<>();
        slaReportsDc.put(
                "atlassian-plugin.xml", DemoVersions.utf8("<atlassian-plugin key=\"com.lumen.sla-reports\"/>\n"));
        long rejected = submit(
                submissions,
                "lumen-analytics",
                SubmissionViews.Kind.NEW_HOSTING,
                "com.lumen.sla-reports",
                null,
                Hosting.DATA_CENTER,
                "1.0.0",
                DemoVersions.zip(slaReportsDc));

        versions.scanQueuedNow(Duration.ofMinutes(1));
        submissions.decide(
                changes,
                new Submissions.Decision(
                        Submissions.Decision.Type.REQUEST_CHANGES,
                        "The answers say no data is kept outside the EU, but the Privacy and Security tab lists a"
                                + " US region: make them agree, then resubmit."),
                ANALYST);
        submissions.decide(
                rejected,
                new Submissions.Decision(
                        Submissions.Decision.Type.REJECT,
                        "The Data Center edition is the Cloud app's bundle repackaged: it calls Cloud-only REST"
                                + " endpoints and cannot run on Data Center."),
                ANALYST);
    }

    private static long submit(
            Submissions submissions,
            String partner,
            SubmissionViews.Kind kind,
            String app,
            @org.jspecify.annotations.Nullable String name,
            @org.jspecify.annotations.Nullable Hosting hosting,
            String version,
            byte[] bytes) {
        Actor partnerActor = new Actor(
                Actor.Kind.SYSTEM,
                "demo-" + partner,
                "Demo (" + partner + ")",
                EnumSet.of(Permission.OBLIGATIONS_READ, Permission.OBLIGATIONS_RESPOND),
                PartnerId.of(partner));
        return submissions
                .submit(
                        new Submissions.NewSubmission(kind, null, app, name, hosting, version, new HashMap<>(CLEAN)),
                        new AppVersions.Upload() {
                            @Override
                            public String name() {
                                return app + "-" + version + ".zip";
                            }

                            @Override
                            public InputStream open() {
                                return new ByteArrayInputStream(bytes);
                            }
                        },
                        partnerActor)
                .id();
    }
}
