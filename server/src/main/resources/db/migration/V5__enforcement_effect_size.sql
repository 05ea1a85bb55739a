-- An action's effect lists every listing it changed; a partner-wide action over many apps outgrows
-- 8000 characters, and a clipped effect could not be undone. Room for about ten thousand listings.
alter table enforcement_actions alter column effect set data type varchar(1000000);
