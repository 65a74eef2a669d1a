-- Tenants: every job belongs to the tenant named in its creator's token. Queries filter by it,
-- idempotency keys are scoped by it, and statistics are kept per tenant. Jobs created before
-- this version belong to the tenant 'default' (the tenant of a service running without
-- authentication).

alter table job add column tenant_id varchar(100) not null default 'default';
alter table job alter column tenant_id drop default;
alter table job add constraint job_tenant_id_format check (tenant_id ~ '^[A-Za-z0-9._:-]{1,100}$');

-- One job per key and tenant: two tenants may use the same key.
drop index job_idempotency_key_idx;
create unique index job_idempotency_key_idx on job (tenant_id, idempotency_key)
    where idempotency_key is not null;

-- Listings are per tenant (administrators list across tenants with the earlier indexes).
create index job_tenant_created_idx on job (tenant_id, created_at desc, id desc);
create index job_tenant_entity_created_idx on job (tenant_id, entity_id, created_at desc, id desc);
create index job_tenant_status_created_idx on job (tenant_id, status, created_at desc, id desc);

-- The audit trail says for whom and from where: the job's tenant and the caller's address.
-- Administrative actions that concern no single job (a cleanup) have no job id.
alter table job_event
    add column tenant_id      varchar(100),
    add column client_address varchar(64);
alter table job_event alter column job_id drop not null;
create index job_event_tenant_idx on job_event (tenant_id, id);

-- Counters per tenant, so that a tenant's statistics stay as cheap as the service's.
drop trigger job_count_on_change on job;
drop table job_count;
drop table job_outcome_minute;

create table job_count (
    tenant_id varchar(100) not null,
    status    varchar(10)  not null,
    priority  varchar(8)   not null,
    shard     smallint     not null,
    jobs      bigint       not null default 0,
    primary key (tenant_id, status, priority, shard)
) with (fillfactor = 50, autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 2000);

create table job_outcome_minute (
    minute    timestamptz  not null,
    tenant_id varchar(100) not null,
    status    varchar(10)  not null,
    shard     smallint     not null,
    jobs      bigint       not null default 0,
    primary key (minute, tenant_id, status, shard)
) with (fillfactor = 50, autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 2000);

create or replace function job_count_maintain() returns trigger
    language plpgsql as
$$
declare
    job_shard smallint;
begin
    if tg_op = 'UPDATE' and new.status = old.status and new.priority = old.priority then
        return null;
    end if;
    job_shard := abs(hashtext(coalesce(new.id, old.id))) % 16;
    insert into job_count as c (tenant_id, status, priority, shard, jobs)
    select t, s, p, job_shard, d
    from (values (old.tenant_id, old.status, old.priority, -1),
                 (new.tenant_id, new.status, new.priority, 1)) as v(t, s, p, d)
    where s is not null
    order by t, s, p
    on conflict (tenant_id, status, priority, shard) do update set jobs = c.jobs + excluded.jobs;
    if tg_op <> 'DELETE' and new.status in ('completed', 'failed', 'cancelled')
        and (tg_op = 'INSERT' or old.status not in ('completed', 'failed', 'cancelled')) then
        insert into job_outcome_minute as m (minute, tenant_id, status, shard, jobs)
        values (date_trunc('minute', coalesce(new.completed_at, now())), new.tenant_id,
                new.status, job_shard, 1)
        on conflict (minute, tenant_id, status, shard) do update set jobs = m.jobs + 1;
    end if;
    return null;
end;
$$;

create trigger job_count_on_change
    after insert or delete or update of status, priority on job
    for each row execute function job_count_maintain();

insert into job_count (tenant_id, status, priority, shard, jobs)
select tenant_id, status, priority, abs(hashtext(id)) % 16, count(*) from job group by 1, 2, 3, 4;

insert into job_outcome_minute (minute, tenant_id, status, shard, jobs)
select date_trunc('minute', completed_at), tenant_id, status, abs(hashtext(id)) % 16, count(*)
from job
where status in ('completed', 'failed', 'cancelled')
  and completed_at > now() - interval '1 day'
group by 1, 2, 3, 4;

-- Queued jobs by tenant, for a tenant's oldest-queued age.
create index job_tenant_queued_run_at_idx on job (tenant_id, run_at) where status = 'queued';

-- Webhook deliveries carry their job's tenant, so that a tenant lists only its own.
alter table webhook_delivery add column tenant_id varchar(100);
update webhook_delivery d set tenant_id = j.tenant_id from job j where j.id = d.job_id;
alter table webhook_delivery alter column tenant_id set not null;
create index webhook_delivery_tenant_status_idx
    on webhook_delivery (tenant_id, status, created_at desc, id desc);

create or replace function job_enqueue_webhook() returns trigger
    language plpgsql as
$$
begin
    insert into webhook_delivery (id, job_id, tenant_id, event_type, url, correlation_id,
                                  next_attempt_at)
    values ('msg_' || replace(gen_random_uuid()::text, '-', ''), new.id, new.tenant_id,
            'calculation_job.' || new.status, new.callback_url, new.correlation_id, now());
    perform pg_notify('ormcalc_webhook_due', '');
    return null;
end;
$$;
