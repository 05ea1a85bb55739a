-- The approval queue counts the proposals by action and reads one action's group at a time, oldest,
-- newest or due first: along these indexes, instead of reading and sorting every proposal (62,000
-- after a first evaluation of a million-ticket marketplace) on every page. Its rule filter finds the
-- rule's cases by the index on rule.
create index enforcement_actions_queue on enforcement_actions (status, action, proposed_at, id);
create index enforcement_actions_queue_due on enforcement_actions (status, action, due_at, id);
create index enforcement_cases_rule on enforcement_cases (rule);
