package io.chatspace.realtime;

import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;

import io.chatspace.messaging.Message;
import io.chatspace.realtime.MessagesFrameFit.Fitted;
import io.chatspace.realtime.MessagesFrameFit.Keep;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which messages a frame over its byte budget keeps, and what its {@code more} says (unit
 * test: the frame's size is its messages' bodies; HistoryAndResumeTest covers real frames
 * over a real socket).
 */
class MessagesFrameFitTest {

	/** Ten messages, ids 1–10, oldest first, of 100 bytes each. */
	private final List<Message> ten = LongStream.rangeClosed(1, 10)
		.mapToObj(id -> new Message(id, "room", "ann", "x".repeat(100), Instant.EPOCH))
		.toList();

	private static Fitted fit(List<Message> messages, boolean more, Keep keep, long budget) {
		return MessagesFrameFit.fit(messages, more, keep, budget,
				(sent, m) -> new byte[sent.stream().mapToInt(message -> message.body().length()).sum()]);
	}

	private static List<Long> ids(Fitted fitted) {
		return fitted.messages().stream().map(Message::id).toList();
	}

	@Test
	void aFrameWithinTheBudgetIsKeptWhole() {
		Fitted fitted = fit(ten, false, Keep.OLDEST_MORE, 1000);

		assertThat(ids(fitted)).hasSize(10);
		assertThat(fitted.more()).isFalse();
		assertThat(fitted.frame()).hasSize(1000);
	}

	@Test
	void aResumeKeepsTheOldestAndSaysMore() {
		Fitted fitted = fit(ten, false, Keep.OLDEST_MORE, 450);

		assertThat(ids(fitted)).containsExactly(1L, 2L, 3L, 4L);
		assertThat(fitted.more()).isTrue();
		assertThat(fitted.frame()).hasSize(400);
	}

	@Test
	void aHistoryPageKeepsTheNewestAndSaysMore() {
		Fitted fitted = fit(ten, false, Keep.NEWEST_MORE, 450);

		assertThat(ids(fitted)).containsExactly(7L, 8L, 9L, 10L);
		assertThat(fitted.more()).isTrue();
	}

	@Test
	void aFreshJoinKeepsTheNewestAndLeavesMoreAsItWas() {
		Fitted fitted = fit(ten, false, Keep.NEWEST, 450);

		assertThat(ids(fitted)).containsExactly(7L, 8L, 9L, 10L);
		assertThat(fitted.more()).isFalse();
	}

	@Test
	void oneMessageIsKeptEvenWhenItAloneIsOverTheBudget() {
		Fitted fitted = fit(ten, true, Keep.OLDEST_MORE, 10);

		assertThat(ids(fitted)).containsExactly(1L);
		assertThat(fitted.more()).isTrue();
	}

}
