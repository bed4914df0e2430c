package io.chatspace.editor;

import java.io.IOException;
import java.nio.file.Files;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cases shared with the JavaScript implementation ({@code src/test/js/ot.test.mjs})
 * are exactly what the Java implementation produces, so the Node test holds the
 * JavaScript functions to the Java ones.
 */
class SharedOtCasesTest {

	@Test
	void sharedCasesAreWhatTheGeneratorMakes() throws IOException {
		String expected = JsonMapper.builder()
			.build()
			.writerWithDefaultPrettyPrinter()
			.writeValueAsString(SharedOtCases.generate(300));
		assertThat(Files.readString(SharedOtCases.FILE)).isEqualTo(expected);
	}

}
