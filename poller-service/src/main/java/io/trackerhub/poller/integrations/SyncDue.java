package io.trackerhub.poller.integrations;

/**
 * An integration is due now (just linked, forced, or given a new token): fired as a CDI event, so that the poller looks
 * for work at once instead of at its next tick, without this package knowing the poller.
 */
public record SyncDue(long integrationId) {
}
