-- Adds :n jobs (default 1,000,000) created over the past 30 days, for the statistics and
-- dashboard benchmarks: psql -v n=1000000 -f bench/seed-finished-jobs.sql. Run it on an idle
-- benchmark database only: the triggers are off during the bulk insert (a million updates of the
-- same counter rows, and a million announcements, in one transaction would crawl) and the
-- counters are rebuilt afterwards.
--
-- The mix: tenant "bench" (the benchmarks' token) holds a fifth of the jobs, tenants t1..t8 the
-- rest; 90 % completed, 4 % failed, 4 % cancelled, 2 % queued (scheduled 30 days ahead, so that no
-- replica runs them); models sma 60 %, lda 15 %, bia 10 %, tsa 10 %, asa 5 %; 1,000 entities per
-- tenant. Every fiftieth failed job of tenant "bench" has a dead webhook message (dead letters).
\if :{?n}
\else
  \set n 1000000
\endif
begin;
set local session_replication_role = replica; -- no triggers: no counters, no announcements
insert into job (id, run_id, tenant_id, model_name, entity_id, calculation_date,
  requested_execution_mode, execution_mode, priority, priority_rank, status, attempt,
  max_attempts, run_at, created_at, started_at, completed_at, inputs, parameters, result, error,
  input_hash, engine_version, rule_set, callback_url)
select 'job_' || lpad(to_hex(i), 26, '0'), 'run_' || lpad(to_hex(i), 26, '0'),
  case when i % 5 = 0 then 'bench' else 't' || (1 + i % 8) end,
  m.model, 'SEED_' || (i % 1000), date '2024-12-31', 'async', 'async',
  (array['urgent', 'high', 'normal', 'low'])[1 + i % 4], i % 4, s.status,
  case when s.status = 'queued' then 0 else 1 end, 3,
  case when s.status = 'queued' then now() + interval '30 days' else t end, t,
  case when s.status in ('completed', 'failed') then t end,
  case when s.status <> 'queued' then t + interval '5 milliseconds' end,
  '{"seeded": true}'::json, '{}'::json,
  case when s.status = 'completed' then '{"seeded": true}'::json end,
  case when s.status = 'failed'
    then '{"error_code": "SEED", "message": "seeded failure", "retryable": false}'::jsonb end,
  repeat('0', 64), 'seed', 'SEED',
  case when s.status = 'failed' then 'https://hooks.example.com/ormcalc' end
from generate_series(1, :n) as i,
  lateral (select now() - interval '30 days' * random() as t) as times,
  lateral (select abs(hashtext(i || 's')) % 100 as s100, abs(hashtext(i || 'm')) % 20 as m20) as r,
  lateral (select case when s100 < 90 then 'completed' when s100 < 94 then 'failed'
                       when s100 < 98 then 'cancelled' else 'queued' end as status) as s,
  lateral (select case when m20 < 12 then 'sma' when m20 < 15 then 'lda'
                       when m20 < 17 then 'bia' when m20 < 19 then 'tsa'
                       else 'asa' end as model) as m;
insert into webhook_delivery (id, job_id, tenant_id, event_type, url, status, attempts,
  round_attempts, created_at, updated_at, dead_at, last_http_status, last_error)
select 'msg_' || replace(gen_random_uuid()::text, '-', ''), id, tenant_id,
  'calculation_job.failed', callback_url, 'dead', 3, 3, completed_at, completed_at,
  completed_at, 503, 'HTTP 503 (seeded)'
from job
where engine_version = 'seed' and status = 'failed' and tenant_id = 'bench'
  and hashtext(id) % 50 = 0;
delete from job_count;
insert into job_count (tenant_id, status, priority, shard, jobs)
select tenant_id, status, priority, abs(hashtext(id)) % 16, count(*) from job group by 1, 2, 3, 4;
delete from job_outcome_minute;
insert into job_outcome_minute (minute, tenant_id, status, shard, jobs)
select date_trunc('minute', completed_at), tenant_id, status, abs(hashtext(id)) % 16, count(*)
from job
where status in ('completed', 'failed', 'cancelled') and completed_at > now() - interval '1 day'
group by 1, 2, 3, 4;
commit;
vacuum analyze job;
vacuum analyze webhook_delivery;
