-- The marketplace catalog: partners, their security contacts, apps, listings, badges, OAuth clients.
-- One script for H2 (PostgreSQL mode) and PostgreSQL: keep to the SQL both speak.

create table partners (
    id          varchar(63)  primary key,
    name        varchar(200) not null,
    tier        varchar(16)  not null,
    status      varchar(16)  not null,
    version     integer      not null,
    created_at  timestamp with time zone not null,
    updated_at  timestamp with time zone not null
);
create index partners_tier on partners (tier);

create table security_contacts (
    partner_id        varchar(63)  not null references partners (id) on delete cascade,
    position          integer      not null,
    name              varchar(200) not null,
    email             varchar(254) not null,
    ecosystem_account boolean      not null,
    primary key (partner_id, position)
);

create table apps (
    app_key          varchar(200) primary key,
    name             varchar(200) not null,
    partner_id       varchar(63)  not null references partners (id),
    first_listed_on  date,
    version          integer      not null,
    created_at       timestamp with time zone not null,
    updated_at       timestamp with time zone not null
);
create index apps_partner on apps (partner_id);

create table app_badges (
    app_key  varchar(200) not null references apps (app_key) on delete cascade,
    badge    varchar(40)  not null,
    primary key (app_key, badge)
);

create table listings (
    app_key   varchar(200) not null references apps (app_key) on delete cascade,
    hosting   varchar(16)  not null,
    state     varchar(16)  not null,
    paid      boolean      not null,
    installs  bigint       not null,
    primary key (app_key, hosting)
);

create table oauth_clients (
    client_id          varchar(128) primary key,
    app_key            varchar(200) not null references apps (app_key) on delete cascade,
    position           integer      not null,
    secret_storage     varchar(32)  not null,
    secret_rotated_at  timestamp with time zone
);
create index oauth_clients_app on oauth_clients (app_key);

create table oauth_redirect_uris (
    client_id  varchar(128)  not null references oauth_clients (client_id) on delete cascade,
    position   integer       not null,
    uri        varchar(2048) not null,
    primary key (client_id, position)
);

create table oauth_scopes (
    client_id  varchar(128) not null references oauth_clients (client_id) on delete cascade,
    position   integer      not null,
    scope      varchar(200) not null,
    primary key (client_id, position)
);
