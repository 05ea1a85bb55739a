-- A partner whose compliance evaluation failed: recorded for the console and the API, and tried again
-- with growing pauses until it succeeds (the row is then removed). The error itself is in the server
-- log under the incident id.
create table evaluation_failures (
    partner_id       varchar(63)  primary key,
    first_failed_at  timestamp with time zone not null,
    last_failed_at   timestamp with time zone not null,
    attempts         integer      not null,
    incident         varchar(36)  not null,
    error            varchar(200) not null,
    next_attempt_at  timestamp with time zone not null
);
