package io.chatspace.editor;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TextOperationTest {

	@Test
	void appliesRetainInsertDelete() {
		TextOperation op = TextOperation.fromWire(List.of(6, "brave new ", -5, 1));
		assertThat(op.apply("hello world!")).isEqualTo("hello brave new !");
		assertThat(op.baseLength()).isEqualTo(12);
		assertThat(op.targetLength()).isEqualTo(17);
	}

	@Test
	void normalisesLikeOtJs() {
		TextOperation op = TextOperation.builder().retain(2).retain(3).delete(1).insert("x").insert("y").build();
		assertThat(op.toWire()).containsExactly(5, "xy", -1);
	}

	@Test
	void refusesToSplitASurrogatePair() {
		String document = "a\uD83D\uDE00b"; // a😀b: 4 UTF-16 code units
		TextOperation split = TextOperation.builder().retain(2).insert("x").retain(2).build();
		assertThatThrownBy(() -> split.apply(document)).isInstanceOf(InvalidOperationException.class)
			.hasMessageContaining("surrogate");
		TextOperation deleteHalf = TextOperation.builder().retain(1).delete(1).retain(2).build();
		assertThatThrownBy(() -> deleteHalf.apply(document)).isInstanceOf(InvalidOperationException.class);
		TextOperation whole = TextOperation.builder().retain(1).delete(2).retain(1).build();
		assertThat(whole.apply(document)).isEqualTo("ab");
	}

	@Test
	void composeRejectsMismatchedLengths() {
		TextOperation a = TextOperation.builder().retain(3).build();
		TextOperation b = TextOperation.builder().retain(4).build();
		assertThatThrownBy(() -> a.compose(b)).isInstanceOf(InvalidOperationException.class);
		assertThatThrownBy(() -> TextOperation.transform(a, b)).isInstanceOf(InvalidOperationException.class);
	}

}
