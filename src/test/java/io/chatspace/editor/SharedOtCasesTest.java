package io.chatspace.editor;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Java implementation gives exactly the results of the cases shared with JavaScript.
 */
class SharedOtCasesTest {

	@Test
	void javaImplementationPassesEverySharedCase() throws IOException {
		List<Map<String, Object>> cases = JsonMapper.builder()
			.build()
			.readValue(Files.readString(SharedOtCases.FILE), new TypeReference<>() {
			});
		assertThat(cases).hasSize(300);
		for (Map<String, Object> c : cases) {
			String doc = (String) c.get("doc");
			TextOperation a = TextOperation.fromWire(c.get("a"));
			TextOperation b = TextOperation.fromWire(c.get("b"));
			TextOperation next = TextOperation.fromWire(c.get("c"));
			TextOperation[] primes = TextOperation.transform(a, b);
			assertThat(a.apply(doc)).isEqualTo(c.get("applyA"));
			assertThat(primes[0].toWire()).isEqualTo(c.get("aPrime"));
			assertThat(primes[1].toWire()).isEqualTo(c.get("bPrime"));
			assertThat(primes[0].apply(b.apply(doc))).isEqualTo(c.get("converged"));
			assertThat(a.compose(next).toWire()).isEqualTo(c.get("composeAC"));
			assertThat(a.invert(doc).toWire()).isEqualTo(c.get("invertA"));
		}
	}

	@Test
	void sharedCasesAreWhatTheGeneratorMakes() throws IOException {
		String expected = JsonMapper.builder()
			.build()
			.writerWithDefaultPrettyPrinter()
			.writeValueAsString(SharedOtCases.generate(300));
		assertThat(Files.readString(SharedOtCases.FILE)).isEqualTo(expected);
	}

}
