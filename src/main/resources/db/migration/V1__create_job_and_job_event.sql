-- The job table is the queue and the record of every calculation; its constraints mirror the
-- state machine of docs/state-machine.md so that no code path can store an impossible job.

create table job (
    id                         varchar(40)   primary key,
    run_id                     varchar(40)   not null,
    model_name                 varchar(16)   not null,
    entity_id                  varchar(100)  not null,
    calculation_date           date          not null,
    requested_execution_mode   varchar(8)    not null,
    execution_mode             varchar(8)    not null,
    estimated_duration_seconds numeric(12, 3),
    priority                   varchar(8)    not null,
    -- urgent 0 … low 3: the claim query orders by this, then run_at, then id (FIFO within priority)
    priority_rank              smallint      not null,
    status                     varchar(10)   not null,
    progress_percentage        numeric(5, 2) not null default 0,
    attempt                    integer       not null default 0,
    max_attempts               integer       not null,
    run_at                     timestamptz   not null default now(),
    created_at                 timestamptz   not null default now(),
    started_at                 timestamptz,
    completed_at               timestamptz,
    next_attempt_at            timestamptz,
    callback_url               varchar(2048),
    -- json, not jsonb: the documents are kept exactly as written, key order included
    inputs                     json          not null,
    parameters                 json          not null,
    result                     json,
    error                      jsonb,
    attempt_errors             jsonb         not null default '[]'::jsonb,
    input_hash                 char(64)      not null,
    engine_version             varchar(40)   not null,
    rule_set                   varchar(20)   not null,
    calculated_at              timestamptz,
    correlation_id             varchar(64),

    constraint job_run_id_unique unique (run_id),
    constraint job_id_format check (id ~ '^job_[0-9a-z]{26}$'),
    constraint job_run_id_format check (run_id ~ '^run_[0-9a-z]{26}$'),
    constraint job_model_name_valid check (model_name in ('sma', 'bia', 'tsa', 'asa', 'lda')),
    constraint job_requested_execution_mode_valid
        check (requested_execution_mode in ('sync', 'async', 'auto')),
    constraint job_execution_mode_valid check (execution_mode in ('sync', 'async')),
    constraint job_priority_valid check (
        (priority, priority_rank) in (('urgent', 0), ('high', 1), ('normal', 2), ('low', 3))),
    constraint job_status_valid
        check (status in ('queued', 'running', 'completed', 'failed', 'cancelled')),
    constraint job_completed_at_iff_terminal
        check ((status in ('completed', 'failed', 'cancelled')) = (completed_at is not null)),
    constraint job_started_at_once_running
        check (status in ('queued', 'cancelled') or started_at is not null),
    constraint job_result_iff_completed check ((status = 'completed') = (result is not null)),
    constraint job_failed_has_error check (status <> 'failed' or error is not null),
    constraint job_progress_range check (progress_percentage between 0 and 100),
    constraint job_attempt_bounds check (max_attempts >= 1 and attempt between 0 and max_attempts),
    constraint job_attempt_errors_is_array check (jsonb_typeof(attempt_errors) = 'array'),
    constraint job_input_hash_hex check (input_hash ~ '^[0-9a-f]{64}$')
);

-- Claim: the next queued jobs by priority, then due time, then id (SKIP LOCKED scans this index).
create index job_claim_idx on job (priority_rank, run_at, id) where status = 'queued';
-- List: newest first with keyset pagination, alone or filtered by entity or status.
create index job_created_idx on job (created_at desc, id desc);
create index job_entity_created_idx on job (entity_id, created_at desc, id desc);
create index job_status_created_idx on job (status, created_at desc, id desc);
-- Purge: terminal jobs by completion time.
create index job_purge_idx on job (completed_at)
    where status in ('completed', 'failed', 'cancelled');

-- Append-only audit trail: one row per transition or administrative action. It deliberately has
-- no foreign key to job, so the trail outlives the purge of old jobs.
create table job_event (
    id             bigint       generated always as identity primary key,
    job_id         varchar(40)  not null,
    occurred_at    timestamptz  not null default now(),
    event_type     varchar(32)  not null,
    from_status    varchar(10),
    to_status      varchar(10),
    attempt        integer,
    actor          varchar(200) not null,
    correlation_id varchar(64),
    details        jsonb,

    constraint job_event_from_status_valid check (
        from_status is null
        or from_status in ('queued', 'running', 'completed', 'failed', 'cancelled')),
    constraint job_event_to_status_valid check (
        to_status is null
        or to_status in ('queued', 'running', 'completed', 'failed', 'cancelled'))
);

create index job_event_job_idx on job_event (job_id, id);

create function job_event_is_append_only() returns trigger
    language plpgsql as
$$
begin
    raise exception 'job_event is append-only: % is not allowed', tg_op
        using errcode = 'insufficient_privilege';
end;
$$;

create trigger job_event_no_update_or_delete
    before update or delete on job_event
    for each row execute function job_event_is_append_only();

create trigger job_event_no_truncate
    before truncate on job_event
    for each statement execute function job_event_is_append_only();
