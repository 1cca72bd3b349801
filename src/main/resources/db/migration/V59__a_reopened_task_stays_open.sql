-- A person who reopens a task has decided it is not done: a contact from before that (the reply
-- that had closed it, delivered again by a connector's second pass or a retry) no longer closes
-- it again; a contact after it still does.
ALTER TABLE follow_up_tasks ADD COLUMN reopened_at timestamptz;
