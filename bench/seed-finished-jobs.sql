-- Adds :n completed jobs (default 1,000,000), finished over the past 30 days, for the statistics
-- benchmark: psql -v n=1000000 -f bench/seed-finished-jobs.sql. Run it on an idle benchmark
-- database only: the counter trigger is off during the bulk insert (a million updates of the same
-- counter rows in one transaction would crawl) and job_count is rebuilt afterwards.
\if :{?n}
\else
  \set n 1000000
\endif
begin;
alter table job disable trigger job_count_on_change;
insert into job (id, run_id, model_name, entity_id, calculation_date, requested_execution_mode,
  execution_mode, priority, priority_rank, status, attempt, max_attempts, run_at, created_at,
  started_at, completed_at, inputs, parameters, result, input_hash, engine_version, rule_set)
select 'job_' || lpad(to_hex(i), 26, '0'), 'run_' || lpad(to_hex(i), 26, '0'), 'bia',
  'SEED_' || (i % 1000), date '2024-12-31', 'async', 'async',
  (array['urgent', 'high', 'normal', 'low'])[1 + i % 4], i % 4, 'completed', 1, 3,
  t, t, t, t + interval '5 milliseconds', '{}'::json, '{}'::json, '{}'::json,
  repeat('0', 64), 'seed', 'BASEL_II'
from generate_series(1, :n) as i,
  lateral (select now() - interval '30 days' * random() as t) as times;
alter table job enable trigger job_count_on_change;
delete from job_count;
insert into job_count (status, priority, shard, jobs)
select status, priority, abs(hashtext(id)) % 16, count(*) from job group by 1, 2, 3;
insert into job_outcome_minute as m (minute, status, shard, jobs)
select date_trunc('minute', completed_at), status, abs(hashtext(id)) % 16, count(*)
from job where engine_version = 'seed' and completed_at > now() - interval '1 day'
group by 1, 2, 3
on conflict (minute, status, shard) do update set jobs = m.jobs + excluded.jobs;
commit;
vacuum analyze job;
