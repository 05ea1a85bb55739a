-- The public transparency page (docs/transparency.md): whether enforcement actions taken are published,
-- which kinds, and how many days after they took effect. One row; without it publishing is off.
create table transparency_settings (
    id          integer      not null primary key,
    enabled     boolean      not null,
    actions     varchar(400) not null,
    delay_days  integer      not null,
    updated_at  timestamp with time zone not null,
    updated_by  varchar(200) not null
);
