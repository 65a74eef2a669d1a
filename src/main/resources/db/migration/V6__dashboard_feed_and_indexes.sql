-- The operations dashboard (issue 9).
--
-- 1. Live changes. Every new job, every status transition and every progress write announces
--    itself on the channel ormcalc_job_changed with a small JSON payload; each replica LISTENs and
--    forwards the changes to its dashboard streams (Server-Sent Events), filtered by tenant. The
--    payload carries only what a list row shows, named as in the API: no inputs, no results.
--    Progress is written at most once a second per running job
--    (ormcalc.execution.progress-interval), so the channel's rate is bounded by the jobs' own
--    writes.
create function job_announce_change() returns trigger
    language plpgsql as
$$
begin
    perform pg_notify('ormcalc_job_changed', json_build_object(
        'job_id', new.id,
        'tenant_id', new.tenant_id,
        'status', new.status,
        'progress_percentage', new.progress_percentage,
        'model_name', new.model_name,
        'entity_id', new.entity_id,
        'priority', new.priority,
        'attempts', new.attempt,
        'created_at', new.created_at)::text);
    return null;
end;
$$;

create trigger job_announce_insert
    after insert on job
    for each row execute function job_announce_change();

create trigger job_announce_update
    after update of status, progress_percentage on job
    for each row
    when (old.status is distinct from new.status
          or old.progress_percentage is distinct from new.progress_percentage)
    execute function job_announce_change();

-- 2. The job list's model filter, alone and with a status, keyset-ordered like the other filters
--    so that a page never scans more than its own rows (with or without a tenant).
create index job_tenant_model_created_idx
    on job (tenant_id, model_name, created_at desc, id desc);
create index job_tenant_status_model_created_idx
    on job (tenant_id, status, model_name, created_at desc, id desc);
create index job_model_created_idx on job (model_name, created_at desc, id desc);
create index job_status_model_created_idx on job (status, model_name, created_at desc, id desc);
