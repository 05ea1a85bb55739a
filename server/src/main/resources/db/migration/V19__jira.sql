-- Jira Cloud sync (docs/jira.md). One connection per Warden (per marketplace): the site, a service
-- account's email and API token (sealed), the project and issue type tickets go to, the status and
-- priority mappings, and the secret that signs Jira's webhooks to Warden (sealed).
create table jira_connection (
    id                 integer       not null primary key,
    site_url           varchar(300)  not null,
    email              varchar(320)  not null,
    api_token          varchar(2000) not null,
    project_key        varchar(20)   not null,
    issue_type         varchar(100)  not null,
    status_map         varchar(4000) not null,
    priority_map       varchar(1000) not null,
    webhook_secret     varchar(1000) not null,
    enabled            boolean       not null,
    account_id         varchar(128),
    last_push_at       timestamp with time zone,
    last_poll_at       timestamp with time zone,
    last_error         varchar(1000),
    last_error_at      timestamp with time zone,
    updated_at         timestamp with time zone not null,
    updated_by         varchar(200)  not null
);

-- One Jira issue per Warden ticket, and how many of the ticket's events were posted to it as comments.
create table jira_links (
    ticket_key         varchar(40)   not null primary key,
    issue_id           varchar(40)   not null unique,
    issue_key          varchar(60)   not null,
    events_pushed      integer       not null,
    created_at         timestamp with time zone not null,
    synced_at          timestamp with time zone not null
);

-- Comments seen on either side, so none is copied twice and none is copied back (echo).
create table jira_comments (
    comment_id         varchar(40)   not null primary key,
    ticket_key         varchar(40)   not null,
    origin             varchar(10)   not null,
    created_at         timestamp with time zone not null
);
create index jira_comments_ticket on jira_comments (ticket_key);
