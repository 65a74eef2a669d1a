-- Wake-ups: a job that becomes due now, and a cancellation request, are announced with NOTIFY
-- (delivered at commit; identical notifications within one transaction are delivered once), so
-- replicas act at once instead of at their next poll. The poll stays as the fallback.

create function job_notify() returns trigger
    language plpgsql as
$$
begin
    if new.status = 'queued' and new.run_at <= now()
        and (tg_op = 'INSERT' or old.status <> 'queued' or old.run_at > now()) then
        perform pg_notify('ormcalc_job_due', '');
    end if;
    if tg_op = 'UPDATE' and new.cancel_requested_at is not null
        and old.cancel_requested_at is null then
        perform pg_notify('ormcalc_job_cancel', new.id);
    end if;
    return null;
end;
$$;

create trigger job_notify_on_change
    after insert or update of status, run_at, cancel_requested_at on job
    for each row execute function job_notify();
