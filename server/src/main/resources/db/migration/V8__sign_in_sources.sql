-- Failed sign-ins are counted per account (or client) and source address, not per account alone: a
-- delay grows with each failure from one address and never locks the owner out from another. The row
-- with source '*' counts the account's failures from every address since its last successful sign-in.
create table sign_in_sources (
    kind             varchar(8)   not null,
    subject          varchar(254) not null,
    source           varchar(64)  not null,
    failures         integer      not null,
    delayed_until    timestamp with time zone,
    last_failure_at  timestamp with time zone,
    last_failure_from varchar(64),
    last_success_at  timestamp with time zone,
    primary key (kind, subject, source)
);

alter table users drop column failed_attempts;
alter table users drop column locked_until;
alter table api_clients drop column failed_attempts;
alter table api_clients drop column locked_until;
