-- A termination's internal review (who reviewed, when, the outcome) and the customers' migration window
-- during which existing installs keep working: "Termination follows Atlassian's internal review process
-- and includes customer migration windows where feasible."
create table termination_reviews (
    case_id          bigint        primary key references enforcement_cases (id),
    reviewed_by      varchar(254)  not null,
    reviewed_on      date          not null,
    outcome          varchar(4000) not null,
    migration_days   integer       not null,
    migration_until  timestamp with time zone
);
