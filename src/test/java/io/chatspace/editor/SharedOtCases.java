package io.chatspace.editor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import tools.jackson.databind.json.JsonMapper;

/**
 * The OT cases shared by the Java and the JavaScript implementation
 * ({@code src/test/resources/editor/ot-cases.json}). Both {@code SharedOtCasesTest} and
 * {@code src/test/js/ot.test.mjs} check their implementation against every case.
 * Regenerate (only when the algebra deliberately changes) with {@link #main}.
 */
final class SharedOtCases {

	static final Path FILE = Path.of("src/test/resources/editor/ot-cases.json");

	private SharedOtCases() {
	}

	static List<Map<String, Object>> generate(int count) {
		List<Map<String, Object>> cases = new ArrayList<>();
		Random random = new Random(20261121);
		for (int i = 0; i < count; i++) {
			String document = RandomOperations.document(random, 30);
			TextOperation a = RandomOperations.operation(random, document.length());
			TextOperation b = RandomOperations.operation(random, document.length());
			TextOperation c = RandomOperations.operation(random, a.targetLength());
			TextOperation[] primes = TextOperation.transform(a, b);
			Map<String, Object> test = new LinkedHashMap<>();
			test.put("doc", document);
			test.put("a", a.toWire());
			test.put("b", b.toWire());
			test.put("c", c.toWire());
			test.put("applyA", a.apply(document));
			test.put("aPrime", primes[0].toWire());
			test.put("bPrime", primes[1].toWire());
			test.put("converged", primes[1].apply(a.apply(document)));
			test.put("composeAC", a.compose(c).toWire());
			test.put("invertA", a.invert(document).toWire());
			cases.add(test);
		}
		return cases;
	}

	public static void main(String[] args) throws IOException {
		Files.writeString(FILE,
				JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(generate(300)));
	}

}
