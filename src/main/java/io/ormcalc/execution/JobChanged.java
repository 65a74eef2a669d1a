package io.ormcalc.execution;

import java.util.ArrayList;
import java.util.List;

/**
 * Jobs were created, changed status or reported progress, on any replica: the database's {@code
 * ormcalc_job_changed} announcement (one per statement: "id:status" items, comma-separated), fired
 * as a CDI event. Whoever shows them reads their rows ({@code JobFeed}).
 *
 * @param jobIds the jobs that changed, in the order announced; empty for {@link #MISSED}
 * @param receivedAtMillis when this replica received the announcement (epoch milliseconds)
 */
public record JobChanged(List<String> jobIds, long receivedAtMillis) {

  /**
   * The listening connection was (re)opened: announcements made while it was down are lost, so
   * whoever shows jobs should read them afresh.
   */
  public static final JobChanged MISSED = new JobChanged(List.of(), 0);

  public boolean missed() {
    return this == MISSED;
  }

  /** Reads an announcement's payload. */
  static JobChanged parse(String payload, long receivedAtMillis) {
    List<String> ids = new ArrayList<>();
    for (String item : payload.split(",")) {
      int colon = item.indexOf(':');
      String id = colon < 0 ? item : item.substring(0, colon);
      if (!id.isBlank()) {
        ids.add(id);
      }
    }
    return new JobChanged(List.copyOf(ids), receivedAtMillis);
  }
}
