-- The app descriptors a scan found (Connect atlassian-connect.json, Forge manifest.yml, Data Center
-- atlassian-plugin.xml): where the app lives and what it talks to, for the domain checks (docs/domains.md).
create table scan_descriptors (
    scan_id        bigint        not null references scans (id),
    seq            integer       not null,
    path           varchar(4000) not null,
    type           varchar(16)   not null,
    app_key        varchar(200),
    base_url       varchar(2000),
    -- one per line
    domains        varchar(8000) not null,
    -- event=url, one per line
    lifecycle      varchar(4000) not null,
    authentication varchar(50),
    primary key (scan_id, seq)
);

-- What a domain target is: a redirect URI of an OAuth client, or an app's base URL or remote domain from
-- its latest scanned descriptor (client_id then names the descriptor type).
alter table domain_targets add column kind varchar(16) default 'REDIRECT_URI' not null;
