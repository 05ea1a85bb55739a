-- Domain registrations (docs/domains.md): for each registrable domain of a redirect URI, what its RDAP
-- server last said, and the registrar and registrant accepted as the partner's (the baseline: set when
-- first seen, and when an analyst accepts a change). History rows of both checks share domain_checks.
create table domain_registrations (
    domain              varchar(253) primary key,
    status              varchar(16)  not null,
    detail              varchar(2000),
    expires_at          timestamp with time zone,
    registrar           varchar(300),
    registrant          varchar(300),
    rdap_status         varchar(500),
    server              varchar(500),
    baseline_registrar  varchar(300),
    baseline_registrant varchar(300),
    failing_since       timestamp with time zone,
    checked_at          timestamp with time zone,
    next_check_at       timestamp with time zone not null
);
create index domain_registrations_due on domain_registrations (next_check_at);

alter table domain_checks add column kind varchar(16) default 'DNS' not null;
create index domain_targets_registrable on domain_targets (registrable);

-- The registrable domains of the redirect URIs already known are due at once.
insert into domain_registrations (domain, status, next_check_at)
select distinct registrable, 'PENDING', current_timestamp from domain_targets where registrable is not null;
