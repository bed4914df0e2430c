package io.chatspace.rooms;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SlugsTest {

	@Test
	void lowerCasesAndJoinsWordsWithDashes() {
		assertThat(Slugs.slugOf("General Chat")).isEqualTo("general-chat");
		assertThat(Slugs.slugOf("  Rust & Java!!  ")).isEqualTo("rust-java");
		assertThat(Slugs.slugOf("C++ -- tips")).isEqualTo("c-tips");
	}

	@Test
	void dropsAccents() {
		assertThat(Slugs.slugOf("Café Crème")).isEqualTo("cafe-creme");
		assertThat(Slugs.slugOf("Ærø Straße")).isEqualTo("aero-strasse");
	}

	@Test
	void namesDifferingOnlyInCaseOrPunctuationShareASlug() {
		assertThat(Slugs.slugOf("General")).isEqualTo(Slugs.slugOf("general!"));
	}

	@Test
	void nameWithoutLettersGetsAStableHashedSlug() {
		String slug = Slugs.slugOf("日本語");
		assertThat(slug).matches("room-[0-9a-f]{8}");
		assertThat(Slugs.slugOf("日本語")).isEqualTo(slug);
		assertThat(Slugs.slugOf("中文")).isNotEqualTo(slug);
	}

	@Test
	void longNamesAreCutWithoutATrailingDash() {
		String slug = Slugs.slugOf("a".repeat(63) + " bcd");
		assertThat(slug).hasSizeLessThanOrEqualTo(Slugs.MAX_LENGTH).doesNotEndWith("-");
	}

	@Property
	void everySlugIsUrlSafeAndBounded(@ForAll String name) {
		assertThat(Slugs.slugOf(name)).matches("[a-z0-9]+(-[a-z0-9]+)*").hasSizeLessThanOrEqualTo(Slugs.MAX_LENGTH);
	}

}
