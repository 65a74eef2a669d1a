-- Urgent work is claimed at once (issue 16): the ormcalc_job_due notification carries the most
-- urgent priority rank among the jobs that became due (0 urgent ... 3 low; it was empty), so that a
-- replica busy with a batch starts a claim of its own for urgent and high jobs. A replica that
-- reads no payload claims as before. The functions are V7's, but for that line.

create or replace function job_after_insert() returns trigger
    language plpgsql as
$$
declare
    messages int;
    due smallint;
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

    due := (select min(priority_rank) from new_jobs where status = 'queued' and run_at <= now());
    if due is not null then
        perform pg_notify('ormcalc_job_due', due::text);
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

create or replace function job_after_update() returns trigger
    language plpgsql as
$$
declare
    messages int;
    due smallint;
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
    due := (select min(n.priority_rank) from old_jobs o join new_jobs n using (id)
            where n.status = 'queued' and n.run_at <= now()
              and (o.status <> 'queued' or o.run_at > now()));
    if due is not null then
        perform pg_notify('ormcalc_job_due', due::text);
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
