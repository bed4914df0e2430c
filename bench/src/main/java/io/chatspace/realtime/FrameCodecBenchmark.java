package io.chatspace.realtime;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

import io.chatspace.messaging.Message;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The gateway's codec on the hot path: decoding a client {@code send} frame, encoding the
 * {@code message} event (once per message per node) and the sender's {@code ack}. Time per
 * frame in nanoseconds; in the same package as the package-private {@link FrameCodec}.
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
