package io.chatspace.realtime;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.chatspace.messaging.Message;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The gateway's codec on the hot path: decoding a client {@code send} frame, encoding the
 * {@code message} event (once per message per node), the sender's {@code ack}, and the
 * {@code joined} frame of a resume that carries 30 messages which went out live before (as
 * in the reconnect storm). Time per frame in nanoseconds; in the same package as the
 * package-private {@link FrameCodec}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FrameCodecBenchmark {

	private final FrameCodec codec = new FrameCodec();

	private final String send = "{\"type\":\"send\",\"ref\":\"42.1234\",\"room\":\"bench-room-1\","
			+ "\"body\":\"p42.1.1234.987654321098765 and a few more words of an ordinary chat line\"}";

	private final Message message = new Message(1_234_567_890_123_456_789L, "bench-room-1", "alice",
			"p42.1.1234.987654321098765 and a few more words of an ordinary chat line",
			Instant.parse("2026-11-21T10:00:00.123Z"));

	private final List<Message> missed = new ArrayList<>();

	private final List<String> online = List.of("alice", "bob", "carol");

	/** The 30 messages a resuming socket missed, each sent out live once. */
	@Setup
	public void sendMissedLive() {
		for (int i = 0; i < 30; i++) {
			Message m = new Message(1_234_567_890_123_456_800L + i, "bench-room-1", "alice",
					"p42.1." + i + ".987654321098765 and a few more words of an ordinary chat line",
					Instant.parse("2026-11-21T10:00:00.123Z"));
			codec.message(m);
			missed.add(m);
		}
	}

	/** @return the encoded {@code joined} frame of a resume with 30 missed messages */
	@Benchmark
	public byte[] encodeResumeJoined() {
		return codec.joined("7.1", "bench-room-1", missed, false, online);
	}

	/** @return the decoded {@code send} frame */
	@Benchmark
	public ClientFrame decodeSend() {
		return codec.decode(send);
	}

	/** @return the encoded {@code message} event */
	@Benchmark
	public byte[] encodeMessage() {
		return codec.message(message);
	}

	/** @return the encoded {@code ack} */
	@Benchmark
	public byte[] encodeAck() {
		return codec.ack("42.1234", "bench-room-1", message);
	}

}
