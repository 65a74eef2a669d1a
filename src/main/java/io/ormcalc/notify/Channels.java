package io.ormcalc.notify;

import java.util.List;

/** The channels the database announces on (schema V3–V7 triggers) and each replica listens to. */
public final class Channels {

  /** A job became due now (empty payload): claimers look for work. */
  public static final String JOB_DUE = "ormcalc_job_due";

  /** Cancellation of running jobs was requested: their ids, comma-separated. */
  public static final String JOB_CANCEL = "ormcalc_job_cancel";

  /** A webhook message became due (empty payload): senders look for work. */
  public static final String WEBHOOK_DUE = "ormcalc_webhook_due";

  /** Jobs were created or changed status or progress: "id:status" items, comma-separated. */
  public static final String JOB_CHANGED = "ormcalc_job_changed";

  static final List<String> ALL = List.of(JOB_DUE, JOB_CANCEL, WEBHOOK_DUE, JOB_CHANGED);

  private Channels() {}
}
