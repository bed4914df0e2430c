package io.chatspace.editor;

import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The editor's OT transform ({@link TextOperation#transform}) of two concurrent operations
 * on a document of {@code length} characters: a typical keystroke pair (one insert each) and
 * a pair of random edits with {@code edits} components each. Nanoseconds per transform.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TextOperationBenchmark {

	@Param({ "1000", "100000" })
	public int length;

	@Param({ "20" })
	public int edits;

	private TextOperation keystrokeA;

	private TextOperation keystrokeB;

	private TextOperation editsA;

	private TextOperation editsB;

	/** Builds the operations from a fixed seed. */
	@Setup
	public void setUp() {
		keystrokeA = TextOperation.builder().retain(length / 3).insert("a").retain(length - length / 3).build();
		keystrokeB = TextOperation.builder().retain(length / 2).insert("b").retain(length - length / 2).build();
		Random random = new Random(42);
		editsA = randomEdits(random);
		editsB = randomEdits(random);
	}

	private TextOperation randomEdits(Random random) {
		TextOperation.Builder b = TextOperation.builder();
		int left = length;
		int step = length / (edits + 1);
		for (int i = 0; i < edits && left > step; i++) {
			int keep = 1 + random.nextInt(step - 2);
			b.retain(keep);
			left -= keep;
			if (random.nextBoolean()) {
				b.insert("word" + i);
			}
			else {
				b.delete(1);
				left -= 1;
			}
		}
		return b.retain(left).build();
	}

	/** @return the transformed keystrokes */
	@Benchmark
	public TextOperation[] transformKeystrokes() {
		return TextOperation.transform(keystrokeA, keystrokeB);
	}

	/** @return the transformed multi-component edits */
	@Benchmark
	public TextOperation[] transformEdits() {
		return TextOperation.transform(editsA, editsB);
	}

}
