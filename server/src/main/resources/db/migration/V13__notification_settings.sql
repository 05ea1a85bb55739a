-- Notification settings (docs/notifications.md): per partner, and one row 'operator' for the operator's
-- people. With the daily digest on, low-urgency notices (reminders, approvals waiting) are held in the
-- outbox (status HELD) and sent once a day as one mail per recipient; the held rows become DIGESTED.
create table notification_settings (
    scope      varchar(63)  primary key,
    digest     boolean      not null,
    updated_at timestamp with time zone not null,
    updated_by varchar(200) not null
);
