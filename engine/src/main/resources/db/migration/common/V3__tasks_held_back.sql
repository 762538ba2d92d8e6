-- Set while a workflow has ready tasks waiting for a slot under max_active_tasks; whoever frees a slot looks for them.
ALTER TABLE workflows ADD COLUMN tasks_held_back BOOLEAN DEFAULT FALSE NOT NULL;
