-- When each partner was last evaluated, as of which moment (the evaluation's "now"), written in the
-- evaluation's own transaction. A breach recorded later than its due date needs no new evaluation when
-- the partner was evaluated after that date: the evaluation computes every ticket's clock itself.
create table partner_evaluations (
    partner_id    varchar(63)  primary key references partners (id) on delete cascade,
    evaluated_at  timestamp with time zone not null
);
