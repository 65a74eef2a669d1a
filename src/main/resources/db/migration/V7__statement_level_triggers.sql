-- The job hot path (issue 15): what the row-level triggers did per changed row is done once per
-- statement, from its transition tables (REFERENCING OLD/NEW TABLE), so a statement that creates,
-- claims or completes many jobs pays one trigger call, one counter upsert per group and at most one
-- NOTIFY per channel. (PostgreSQL allows transition tables only on triggers of one event and without
-- a column list: hence one trigger per event, on every UPDATE; the functions look only at rows whose
-- relevant columns changed.)

drop trigger job_count_on_change on job;
drop trigger job_notify_on_change on job;
drop trigger job_announce_insert on job;
drop trigger job_announce_update on job;
drop trigger job_enqueue_webhook_on_end on job;
drop function job_count_maintain();
drop function job_notify();
drop function job_announce_change();
drop function job_enqueue_webhook();

-- 1. Counters. A statement adds its changes up per (tenant, status, priority) and upserts each
--    sum into one shard: the backend's (pg_backend_pid() % 16), so that concurrent transactions
--    of different connections rarely meet on a row; the sums over shards are what count. Groups
--    are upserted in a fixed order, so two statements cannot deadlock on them. Outcomes per
--    minute likewise.

-- 2. Announcements, at most one NOTIFY per channel and statement:
--    ormcalc_job_due     a job became due now (empty payload: the dispatchers claim);
--    ormcalc_job_cancel  cancellation was requested: the job ids, comma-separated;
--    ormcalc_job_changed jobs were created or changed status or progress: "id:status" items,
--                        comma-separated (at most 150 a notification, well under the 8000-byte
--                        payload limit); a replica with open dashboard streams reads the rest of
--                        the list row itself, so no JSON is built on the hot path;
--    ormcalc_webhook_due a webhook message was written to the outbox.
create function job_announce_changed(items text[]) returns void
    language plpgsql as
$$
declare
    chunk int := 150;
    i int := 1;
begin
    while i <= coalesce(array_length(items, 1), 0) loop
        perform pg_notify('ormcalc_job_changed', array_to_string(items[i:i + chunk - 1], ','));
        i := i + chunk;
    end loop;
end;
$$;

create function job_after_insert() returns trigger
    language plpgsql as
$$
declare
    messages int;
begin
    insert into job_count as c (tenant_id, status, priority, shard, jobs)
    select tenant_id, status, priority, pg_backend_pid() % 16, count(*)
    from new_jobs group by 1, 2, 3 order by 1, 2, 3
    on conflict (tenant_id, status, priority, shard) do update set jobs = c.jobs + excluded.jobs;

    insert into job_outcome_minute as m (minute, tenant_id, status, shard, jobs)
    select date_trunc('minute', coalesce(completed_at, now())), tenant_id, status,
           pg_backend_pid() % 16, count(*)
    from new_jobs where status in ('completed', 'failed', 'cancelled')
    group by 1, 2, 3 order by 1, 2, 3
    on conflict (minute, tenant_id, status, shard) do update set jobs = m.jobs + excluded.jobs;

    if exists (select 1 from new_jobs where status = 'queued' and run_at <= now()) then
        perform pg_notify('ormcalc_job_due', '');
    end if;

    -- a job stored finished (a synchronous calculation) with a callback: its message
    with m as (
        insert into webhook_delivery (id, job_id, tenant_id, event_type, url, correlation_id,
                                      next_attempt_at)
        select 'msg_' || replace(gen_random_uuid()::text, '-', ''), id, tenant_id,
               'calculation_job.' || status, callback_url, correlation_id, now()
        from new_jobs
        where callback_url is not null and status in ('completed', 'failed', 'cancelled')
        returning 1)
    select count(*) into strict messages from m;
    if messages > 0 then
        perform pg_notify('ormcalc_webhook_due', '');
    end if;

    perform job_announce_changed(array(select id || ':' || status from new_jobs));
    return null;
end;
$$;

create function job_after_update() returns trigger
    language plpgsql as
$$
declare
    messages int;
begin
    -- counters: the rows whose status or priority changed, -1 where they were, +1 where they are
    insert into job_count as c (tenant_id, status, priority, shard, jobs)
    select tenant_id, status, priority, pg_backend_pid() % 16, sum(d)
    from (select o.tenant_id, o.status, o.priority, -1 as d
          from old_jobs o join new_jobs n using (id)
          where o.status <> n.status or o.priority <> n.priority
          union all
          select n.tenant_id, n.status, n.priority, 1
          from old_jobs o join new_jobs n using (id)
          where o.status <> n.status or o.priority <> n.priority) changes
    group by 1, 2, 3 having sum(d) <> 0 order by 1, 2, 3
    on conflict (tenant_id, status, priority, shard) do update set jobs = c.jobs + excluded.jobs;

    -- outcomes: jobs that reached an end state
    insert into job_outcome_minute as m (minute, tenant_id, status, shard, jobs)
    select date_trunc('minute', coalesce(n.completed_at, now())), n.tenant_id, n.status,
           pg_backend_pid() % 16, count(*)
    from old_jobs o join new_jobs n using (id)
    where n.status in ('completed', 'failed', 'cancelled')
      and o.status not in ('completed', 'failed', 'cancelled')
    group by 1, 2, 3 order by 1, 2, 3
    on conflict (minute, tenant_id, status, shard) do update set jobs = m.jobs + excluded.jobs;

    -- due now: queued again (a retry due now, a rescue, a hand-back) or brought forward
    if exists (select 1 from old_jobs o join new_jobs n using (id)
               where n.status = 'queued' and n.run_at <= now()
                 and (o.status <> 'queued' or o.run_at > now())) then
        perform pg_notify('ormcalc_job_due', '');
    end if;

    -- cancellation requested
    perform pg_notify('ormcalc_job_cancel', ids)
    from (select string_agg(n.id, ',') as ids
          from old_jobs o join new_jobs n using (id)
          where n.cancel_requested_at is not null and o.cancel_requested_at is null) c
    where ids is not null;

    -- the webhook outbox: a message for every job with a callback that reached an end state
    with m as (
        insert into webhook_delivery (id, job_id, tenant_id, event_type, url, correlation_id,
                                      next_attempt_at)
        select 'msg_' || replace(gen_random_uuid()::text, '-', ''), n.id, n.tenant_id,
               'calculation_job.' || n.status, n.callback_url, n.correlation_id, now()
        from old_jobs o join new_jobs n using (id)
        where n.callback_url is not null
          and n.status in ('completed', 'failed', 'cancelled')
          and o.status not in ('completed', 'failed', 'cancelled')
        returning 1)
    select count(*) into strict messages from m;
    if messages > 0 then
        perform pg_notify('ormcalc_webhook_due', '');
    end if;

    -- the dashboard feed: status or progress changed
    perform job_announce_changed(array(
        select n.id || ':' || n.status
        from old_jobs o join new_jobs n using (id)
        where o.status <> n.status or o.progress_percentage <> n.progress_percentage));
    return null;
end;
$$;

create function job_after_delete() returns trigger
    language plpgsql as
$$
begin
    insert into job_count as c (tenant_id, status, priority, shard, jobs)
    select tenant_id, status, priority, pg_backend_pid() % 16, -count(*)
    from old_jobs group by 1, 2, 3 order by 1, 2, 3
    on conflict (tenant_id, status, priority, shard) do update set jobs = c.jobs + excluded.jobs;
    return null;
end;
$$;

create trigger job_after_insert_statement
    after insert on job referencing new table as new_jobs
    for each statement execute function job_after_insert();

create trigger job_after_update_statement
    after update on job referencing old table as old_jobs new table as new_jobs
    for each statement execute function job_after_update();

create trigger job_after_delete_statement
    after delete on job referencing old table as old_jobs
    for each statement execute function job_after_delete();
