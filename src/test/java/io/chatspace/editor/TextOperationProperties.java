package io.chatspace.editor;

import java.util.List;
import java.util.Random;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The laws of the operation algebra, on random documents and random concurrent
 * operations.
 */
class TextOperationProperties {

	@Property(tries = 2000)
	void transformedOperationsConverge(@ForAll long seed) {
		Random random = new Random(seed);
		String document = RandomOperations.document(random, 40);
		TextOperation a = RandomOperations.operation(random, document.length());
		TextOperation b = RandomOperations.operation(random, document.length());
		TextOperation[] primes = TextOperation.transform(a, b);
		assertThat(primes[1].apply(a.apply(document))).isEqualTo(primes[0].apply(b.apply(document)));
	}

	@Property(tries = 2000)
	void composeIsApplyingInSequence(@ForAll long seed) {
		Random random = new Random(seed);
		String document = RandomOperations.document(random, 40);
		TextOperation a = RandomOperations.operation(random, document.length());
		TextOperation b = RandomOperations.operation(random, a.targetLength());
		assertThat(a.compose(b).apply(document)).isEqualTo(b.apply(a.apply(document)));
	}

	@Property(tries = 1000)
	void invertUndoes(@ForAll long seed) {
		Random random = new Random(seed);
		String document = RandomOperations.document(random, 40);
		TextOperation a = RandomOperations.operation(random, document.length());
		assertThat(a.invert(document).apply(a.apply(document))).isEqualTo(document);
	}

	@Property(tries = 1000)
	void wireFormRoundTrips(@ForAll long seed) {
		Random random = new Random(seed);
		TextOperation a = RandomOperations.operation(random, random.nextInt(30));
		assertThat(TextOperation.fromWire(a.toWire())).isEqualTo(a);
	}

	@Property(tries = 1000)
	void operationsOfTheWrongLengthAreRejectedNotApplied(@ForAll long seed) {
		Random random = new Random(seed);
		String document = RandomOperations.document(random, 30);
		TextOperation a = RandomOperations.operation(random, document.length() + 1 + random.nextInt(3));
		assertThatThrownBy(() -> a.apply(document)).isInstanceOf(InvalidOperationException.class);
	}

	@Property(tries = 500)
	void transformKeepsBothUsersInsertsAtTheSamePosition(@ForAll long seed) {
		Random random = new Random(seed);
		String document = RandomOperations.document(random, 20);
		int at = random.nextInt(document.length() + 1);
		TextOperation a = TextOperation.builder().retain(at).insert("AAA").retain(document.length() - at).build();
		TextOperation b = TextOperation.builder().retain(at).insert("BBB").retain(document.length() - at).build();
		TextOperation[] primes = TextOperation.transform(a, b);
		String result = primes[1].apply(a.apply(document));
		// ot.js tie-break: the first operation's insert goes first
		assertThat(result).isEqualTo(document.substring(0, at) + "AAABBB" + document.substring(at));
	}

	@Property
	void malformedWireFormsAreRejected(@ForAll("malformed") Object wire) {
		assertThatThrownBy(() -> TextOperation.fromWire(wire)).isInstanceOf(InvalidOperationException.class);
	}

	@net.jqwik.api.Provide
	net.jqwik.api.Arbitrary<Object> malformed() {
		return net.jqwik.api.Arbitraries.of(List.of(0), List.of(""), List.of(1.5), List.of(true), "abc", 5,
				List.of(List.of(1)), List.of(1, "\uD83D"), List.of("x\uDE00"));
	}

}
