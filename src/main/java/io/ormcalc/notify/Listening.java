package io.ormcalc.notify;

/**
 * The listening connection was (re)opened: whatever was announced while it was down is lost, so
 * each observer catches up (claims now, reads its view afresh). Fired as a CDI event.
 */
public record Listening() {}
