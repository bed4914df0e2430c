package io.chatspace.inbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of unread counting, {@code chatspace.inbox.*}.
 *
 * @param lateCommitWindow how long after the time in its id a message may still become
 * visible: another node's message committed late (its clock behind, its commit slow), or
 * one of a batch a store without transactions writes unordered (Cassandra). Unread counts
 * carry forward the part of a count older than this and read the newer part again each
 * time; larger is safer and costs more rows per count. 5 s unless configured;
 * application.yml sets 0 for one node with a JDBC store, which commits its messages in id
 * order (one transaction per batch, one writer thread), and the {@code redis} and
 * {@code cassandra} profiles set 5 s again
 */
@ConfigurationProperties("chatspace.inbox")
record InboxProperties(@DefaultValue("5s") Duration lateCommitWindow) {
}
