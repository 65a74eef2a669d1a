-- The status-filtered listing indexes hold unfinished jobs only (queued, running, failed,
-- cancelled). A job's completion is the most frequent write of the table, and as a non-HOT update
-- it put a new entry into every index whose rows it belongs to: with these partial, a completed
-- job no longer enters four of them (measured: a drain of 50,000 BIA jobs 6,639 -> 7,400 jobs/s,
-- median of three). A listing of completed jobs walks the creation-order indexes instead, where
-- nearly every row is completed; the listing writes the status as a literal so that the planner
-- can match these predicates (JobRepository.list).
drop index job_status_created_idx;
create index job_status_created_idx on job (status, created_at desc, id desc)
    where status <> 'completed';
drop index job_tenant_status_created_idx;
create index job_tenant_status_created_idx on job (tenant_id, status, created_at desc, id desc)
    where status <> 'completed';
drop index job_status_model_created_idx;
create index job_status_model_created_idx on job (status, model_name, created_at desc, id desc)
    where status <> 'completed';
drop index job_tenant_status_model_created_idx;
create index job_tenant_status_model_created_idx
    on job (tenant_id, status, model_name, created_at desc, id desc)
    where status <> 'completed';
