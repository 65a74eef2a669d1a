-- The asynchronous queue: leases held by the replica running a job, cooperative cancellation,
-- idempotency keys, and statistics that stay fast with millions of finished jobs.

-- Before this version a running job was a synchronous request in progress; one left running now
-- belongs to a process that stopped mid-request. It is failed, with its audit row, so that the new
-- lease constraints hold.
with abandoned as (
    update job
    set status = 'failed',
        completed_at = now(),
        error = jsonb_build_object('error_code', 'ABANDONED', 'message',
            'the process running this synchronous job stopped before it finished', 'retryable', false)
    where status = 'running'
    returning id, attempt)
insert into job_event (job_id, event_type, from_status, to_status, attempt, actor)
select id, 'failed', 'running', 'failed', attempt, 'migration:V2' from abandoned;

alter table job
    add column lease_owner          varchar(100),
    add column lease_expires_at     timestamptz,
    add column cancel_requested_at  timestamptz,
    add column idempotency_key      varchar(255),
    add column request_hash         char(64),
    add constraint job_lease_only_while_running
        check (status = 'running' or (lease_owner is null and lease_expires_at is null)),
    add constraint job_running_has_lease
        check (status <> 'running' or (lease_owner is not null and lease_expires_at is not null)),
    add constraint job_idempotency_key_has_hash
        check ((idempotency_key is null) = (request_hash is null));

-- One job per key: concurrent requests with one key race on this index, not on a read.
create unique index job_idempotency_key_idx on job (idempotency_key)
    where idempotency_key is not null;
-- Rescue: running jobs by lease expiry.
create index job_lease_idx on job (lease_expires_at) where status = 'running';
-- Statistics: the oldest due job, and the last hour's outcomes without touching the heap.
create index job_queued_run_at_idx on job (run_at) where status = 'queued';
drop index job_purge_idx;
create index job_purge_idx on job (completed_at, status)
    where status in ('completed', 'failed', 'cancelled');

-- Exact job counts by status and priority, kept by a trigger so that statistics never count the
-- table. Spread over 16 shards (by job id) so that concurrent transitions rarely wait on one row;
-- one statement updates both rows of a transition in a fixed order, so they cannot deadlock.
create table job_count (
    status   varchar(10) not null,
    priority varchar(8)  not null,
    shard    smallint    not null,
    jobs     bigint      not null default 0,
    primary key (status, priority, shard)
) with (fillfactor = 50, autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 2000);

-- Outcomes per minute (completed, failed, cancelled), for "the last hour" without scanning jobs;
-- kept for a day by the purge duty. Sharded like job_count.
create table job_outcome_minute (
    minute timestamptz not null,
    status varchar(10) not null,
    shard  smallint    not null,
    jobs   bigint      not null default 0,
    primary key (minute, status, shard)
) with (fillfactor = 50, autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 2000);

create function job_count_maintain() returns trigger
    language plpgsql as
$$
declare
    job_shard smallint;
begin
    if tg_op = 'UPDATE' and new.status = old.status and new.priority = old.priority then
        return null;
    end if;
    job_shard := abs(hashtext(coalesce(new.id, old.id))) % 16;
    insert into job_count as c (status, priority, shard, jobs)
    select s, p, job_shard, d
    from (values (old.status, old.priority, -1), (new.status, new.priority, 1)) as v(s, p, d)
    where s is not null
    order by s, p
    on conflict (status, priority, shard) do update set jobs = c.jobs + excluded.jobs;
    if tg_op <> 'DELETE' and new.status in ('completed', 'failed', 'cancelled')
        and (tg_op = 'INSERT' or old.status not in ('completed', 'failed', 'cancelled')) then
        insert into job_outcome_minute as m (minute, status, shard, jobs)
        values (date_trunc('minute', coalesce(new.completed_at, now())), new.status, job_shard, 1)
        on conflict (minute, status, shard) do update set jobs = m.jobs + 1;
    end if;
    return null;
end;
$$;

create trigger job_count_on_change
    after insert or delete or update of status, priority on job
    for each row execute function job_count_maintain();

insert into job_count (status, priority, shard, jobs)
select status, priority, abs(hashtext(id)) % 16, count(*) from job group by 1, 2, 3;
