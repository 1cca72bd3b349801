-- The dashboard's Done tab pages through done tasks latest first. Done tasks only grow (every
-- answered email and returned call closes one), so without an index each page sorted all of them.
CREATE INDEX follow_up_tasks_done_latest ON follow_up_tasks (completed_at DESC, id) WHERE status = 'done';
