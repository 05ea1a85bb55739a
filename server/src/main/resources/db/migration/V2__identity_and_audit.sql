-- People, machine clients, token signing keys, and the hash-chained audit trail.

create table users (
    username              varchar(254) primary key,
    display_name          varchar(200) not null,
    password_hash         varchar(200),
    partner_id            varchar(63)  references partners (id),
    enabled               boolean      not null,
    must_change_password  boolean      not null,
    failed_attempts       integer      not null,
    locked_until          timestamp with time zone,
    version               integer      not null,
    created_at            timestamp with time zone not null,
    updated_at            timestamp with time zone not null
);
create index users_partner on users (partner_id);

create table user_roles (
    username  varchar(254) not null references users (username) on delete cascade,
    role      varchar(32)  not null,
    primary key (username, role)
);

create table api_clients (
    client_id        varchar(64)  primary key,
    name             varchar(200) not null,
    secret_hash      varchar(128) not null,
    partner_id       varchar(63)  references partners (id),
    enabled          boolean      not null,
    failed_attempts  integer      not null,
    locked_until     timestamp with time zone,
    created_by       varchar(254) not null,
    created_at       timestamp with time zone not null,
    secret_rotated_at timestamp with time zone not null,
    last_used_at     timestamp with time zone
);

create table api_client_scopes (
    client_id  varchar(64) not null references api_clients (client_id) on delete cascade,
    scope      varchar(64) not null,
    primary key (client_id, scope)
);

create table signing_keys (
    kid          varchar(64)   primary key,
    private_key  varchar(4096) not null,
    public_key   varchar(1024) not null,
    created_at   timestamp with time zone not null
);

-- Append-only. Each entry's hash covers the previous entry's hash, so editing or deleting a row
-- breaks the chain from there on. audit_head serialises appenders across nodes.
create table audit_log (
    seq           bigint        primary key,
    at            timestamp with time zone not null,
    actor_kind    varchar(16)   not null,
    actor_id      varchar(254)  not null,
    action        varchar(64)   not null,
    subject_type  varchar(32)   not null,
    subject_id    varchar(254)  not null,
    partner_id    varchar(63),
    details       varchar(4000) not null,
    prev_hash     varchar(64)   not null,
    hash          varchar(64)   not null
);
create index audit_log_subject on audit_log (subject_type, subject_id);
create index audit_log_actor on audit_log (actor_id);

create table audit_head (
    id    integer     primary key,
    seq   bigint      not null,
    hash  varchar(64) not null
);
insert into audit_head (id, seq, hash) values (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
