-- Endpoint checks of redirect URIs' hosts (docs/domains.md): per host and aspect (TLS, CERTIFICATE, HSTS),
-- what the last check found; changes join domain_checks with the aspect as their kind.
create table domain_endpoints (
    host          varchar(253) not null,
    aspect        varchar(16)  not null,
    status        varchar(16)  not null,
    detail        varchar(2000),
    failing_since timestamp with time zone,
    checked_at    timestamp with time zone not null,
    primary key (host, aspect)
);
