package io.chatspace.messaging;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Message id generation ({@link MessageIds#next}): one thread (the group-commit writer's
 * case) and two threads contending on the one compare-and-set. Nanoseconds per id.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MessageIdsBenchmark {

	private final MessageIds ids = new MessageIds(7);

	/** @return a new id */
	@Benchmark
	public long next() {
		return ids.next();
	}

	/** @return a new id, two threads at once */
	@Benchmark
	@Threads(2)
	public long nextContended() {
		return ids.next();
	}

}
