package io.chatspace.realtime;

import java.time.Instant;
import java.util.List;

import io.chatspace.messaging.Message;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a socket provably has after {@code joined}: the ids it was sent, and on a resume
 * every message of {@code after}'s node up to it, but never a message of another node
 * only because its id is smaller.
 */
class HandOverTest {

	// node ids are bits 12-21 of a message id
	private static long id(long millis, int node, int sequence) {
		return (millis << 22) | ((long) node << 12) | sequence;
	}

	@Test
	void aFreshJoinHasExactlyTheIdsItWasSent() {
		HandOver handOver = HandOver.of(List.of(message(id(100, 1, 0)), message(id(105, 2, 0))), null);
		assertThat(handOver.has(id(100, 1, 0))).isTrue();
		assertThat(handOver.has(id(105, 2, 0))).isTrue();
		// committed late by another node, smaller than the last id sent: not had
		assertThat(handOver.has(id(103, 3, 0))).isFalse();
		assertThat(handOver.has(id(99, 1, 0))).isFalse();
		assertThat(handOver.has(0)).isFalse();
	}

	@Test
	void aResumeHasEverythingOfTheNodeOfAfterUpToIt() {
		long after = id(200, 1, 5);
		HandOver handOver = HandOver.of(List.of(message(id(201, 2, 0))), after);
		assertThat(handOver.has(id(150, 1, 0))).isTrue();
		assertThat(handOver.has(after)).isTrue();
		assertThat(handOver.has(id(200, 1, 6))).isFalse();
		assertThat(handOver.has(id(199, 2, 0))).as("another node's, possibly committed late").isFalse();
		assertThat(handOver.has(id(201, 2, 0))).isTrue();
	}

	private static Message message(long id) {
		return new Message(id, "room", "alice", "hi", Instant.EPOCH);
	}

}
