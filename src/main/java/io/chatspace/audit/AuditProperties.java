package io.chatspace.audit;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the audit log, {@code chatspace.audit.*}.
 *
 * @param batchWindow how long the audit writer gathers events after the first one of a
 * batch before it stores them in one transaction (a batch that reaches 500 events is
 * stored at once). Nobody waits for an audit event, and each transaction costs a commit:
 * a reconnect storm's thousands of joins and leaves are a few dozen commits instead of
 * one per event. 100 ms unless configured; 0 stores whatever is queued at once
 */
@ConfigurationProperties("chatspace.audit")
record AuditProperties(@DefaultValue("100ms") Duration batchWindow) {
}
