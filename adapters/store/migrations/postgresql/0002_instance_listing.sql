-- 0002_instance_listing (PostgreSQL): GET /v1/instances pages in (created_at, id) order, filtered
-- by nothing, by workflow, or by parent. Each of those reads its page off an index in that order
-- instead of sorting every matching row; workflow and state together already have
-- instances_by_workflow_state. (instances_by_parent stays: count guards group by parent and state.)
CREATE INDEX instances_by_created ON instances (created_at, id);
CREATE INDEX instances_by_workflow_created ON instances (workflow, created_at, id);
CREATE INDEX instances_by_parent_created ON instances (parent_id, created_at, id);
