-- Webhooks: a transactional outbox. When a job with a callback_url reaches a terminal state, a
-- trigger writes its webhook_delivery row in the same transaction as the state change, so no code
-- path can end a job and forget its callback, and a crash between commit and send loses nothing:
-- the row waits until a sender on any replica claims it.

create table webhook_delivery (
    -- the Standard Webhooks message id (webhook-id header), stable across attempts
    id                 varchar(40)   primary key,
    job_id             varchar(40)   not null references job (id) on delete cascade,
    event_type         varchar(40)   not null,
    url                varchar(2048) not null,
    correlation_id     varchar(64),
    -- pending: waits for next_attempt_at; sending: claimed by lease_owner until lease_expires_at;
    -- delivered and dead are final until an operator asks for a redelivery
    status             varchar(10)   not null default 'pending',
    -- every attempt ever made, and those of the current round (reset by a redelivery)
    attempts           integer       not null default 0,
    round_attempts     integer       not null default 0,
    redeliveries       integer       not null default 0,
    next_attempt_at    timestamptz,
    lease_owner        varchar(100),
    lease_expires_at   timestamptz,
    attempt_started_at timestamptz,
    -- the exact bytes sent (UTF-8 JSON), frozen by the first attempt so that every retry and
    -- redelivery sends and signs the same body
    payload            text,
    created_at         timestamptz   not null default now(),
    updated_at         timestamptz   not null default now(),
    delivered_at       timestamptz,
    dead_at            timestamptz,
    last_http_status   integer,
    last_error         varchar(1000),

    constraint webhook_delivery_id_format check (id ~ '^msg_[0-9a-f]{32}$'),
    constraint webhook_delivery_status_valid
        check (status in ('pending', 'sending', 'delivered', 'dead')),
    constraint webhook_delivery_event_type_valid check (event_type in (
        'calculation_job.completed', 'calculation_job.failed', 'calculation_job.cancelled')),
    constraint webhook_delivery_pending_has_due_time
        check ((status = 'pending') = (next_attempt_at is not null)),
    constraint webhook_delivery_lease_iff_sending
        check ((status = 'sending') = (lease_owner is not null and lease_expires_at is not null)),
    constraint webhook_delivery_delivered_at_iff_delivered
        check ((status = 'delivered') = (delivered_at is not null)),
    constraint webhook_delivery_dead_at_iff_dead check ((status = 'dead') = (dead_at is not null)),
    constraint webhook_delivery_attempt_counts
        check (round_attempts between 0 and attempts and redeliveries >= 0)
);

-- The sender's claim: due pending rows, and sending rows whose sender died.
create index webhook_delivery_due_idx on webhook_delivery (next_attempt_at) where status = 'pending';
create index webhook_delivery_lease_idx on webhook_delivery (lease_expires_at)
    where status = 'sending';
create index webhook_delivery_job_idx on webhook_delivery (job_id);
-- Listing by status (dead letters), newest first, in cursor pages.
create index webhook_delivery_status_idx on webhook_delivery (status, created_at desc, id desc);

-- Every attempt: the delivery audit.
create table webhook_attempt (
    id           bigint       generated always as identity primary key,
    delivery_id  varchar(40)  not null references webhook_delivery (id) on delete cascade,
    attempt      integer      not null,
    started_at   timestamptz  not null,
    finished_at  timestamptz  not null,
    latency_ms   integer,
    http_status  integer,
    -- delivered (2xx), failed, gone (410), timeout, refused (destination not allowed), interrupted
    -- (the replica sending it stopped before recording an outcome)
    outcome      varchar(12)  not null,
    error        varchar(1000),
    response     varchar(1000),
    url          varchar(2048) not null,
    replica      varchar(100),

    constraint webhook_attempt_once unique (delivery_id, attempt),
    constraint webhook_attempt_outcome_valid check (outcome in (
        'delivered', 'failed', 'gone', 'timeout', 'refused', 'interrupted'))
);

create function job_enqueue_webhook() returns trigger
    language plpgsql as
$$
begin
    insert into webhook_delivery (id, job_id, event_type, url, correlation_id, next_attempt_at)
    values ('msg_' || replace(gen_random_uuid()::text, '-', ''), new.id,
            'calculation_job.' || new.status, new.callback_url, new.correlation_id, now());
    perform pg_notify('ormcalc_webhook_due', '');
    return null;
end;
$$;

create trigger job_enqueue_webhook_on_end
    after update of status on job
    for each row
    when (new.callback_url is not null
        and new.status in ('completed', 'failed', 'cancelled')
        and old.status not in ('completed', 'failed', 'cancelled'))
    execute function job_enqueue_webhook();

-- A redelivery or a retry that becomes due now wakes the senders too.
create function webhook_delivery_notify() returns trigger
    language plpgsql as
$$
begin
    if new.status = 'pending' and new.next_attempt_at <= now() then
        perform pg_notify('ormcalc_webhook_due', '');
    end if;
    return null;
end;
$$;

create trigger webhook_delivery_notify_on_change
    after update of status, next_attempt_at on webhook_delivery
    for each row execute function webhook_delivery_notify();
