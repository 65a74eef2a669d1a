-- Fair claims: the claim takes each tenant's most urgent due jobs in turn, per lane (the long-running
-- LDA jobs, which need a slot and memory, apart from the closed-form ones, calculated at the claim),
-- so it walks this index once per tenant with queued jobs. It replaces the claim's single walk.
-- The lane is an integer, not the boolean itself: the planner rewrites "not (model_name = 'lda')"
-- into "model_name <> 'lda'", which a boolean index column would no longer match.
create index job_tenant_claim_idx on job (tenant_id, ((model_name = 'lda')::int), priority_rank, run_at, id)
    where status = 'queued';
drop index job_claim_idx;

-- Dispatch paused per model or per tenant: the claim skips what is paused here (every replica at
-- its next claim); jobs are still accepted and queued meanwhile. Pausing and resuming are audited
-- in job_event (dispatch_paused, dispatch_resumed), like the other administrative actions.
create table dispatch_pause (
    scope      varchar(10)  not null check (scope in ('model', 'tenant')),
    value      varchar(100) not null,
    paused_at  timestamptz  not null default now(),
    paused_by  varchar(200) not null,
    reason     varchar(500),
    primary key (scope, value)
);

-- LDA checkpoints: the state of a Monte Carlo run (its kept tails, chunk figures, which chunks are
-- done), saved every little while and when its replica hands it back, so that the next attempt
-- resumes from the last chunk instead of from zero. Written by the lease holder only; read back
-- only by the same engine version; gone with the job. Doubles do not compress: stored as they are.
create table lda_checkpoint (
    job_id         varchar(40)  primary key references job (id) on delete cascade,
    engine_version varchar(40)  not null,
    attempt        integer      not null,
    state          bytea        not null,
    saved_at       timestamptz  not null default now(),
    saved_by       varchar(100) not null
);
alter table lda_checkpoint alter column state set storage external;
