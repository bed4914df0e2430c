package io.chatspace.editor;

import java.util.Random;

/** Random documents and operations for the OT property tests (deterministic per seed). */
final class RandomOperations {

	private static final String ALPHABET = "abcdefgh XYZ\n";

	private RandomOperations() {
	}

	static String document(Random random, int maxLength) {
		return text(random, random.nextInt(maxLength + 1));
	}

	static String text(Random random, int length) {
		StringBuilder s = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
		}
		return s.toString();
	}

	/**
	 * @return a random operation on a document of the given length
	 */
	static TextOperation operation(Random random, int length) {
		TextOperation.Builder op = TextOperation.builder();
		int remaining = length;
		while (remaining > 0) {
			int n = 1 + random.nextInt(Math.min(remaining, 8));
			switch (random.nextInt(4)) {
				case 0, 1 -> {
					op.retain(n);
					remaining -= n;
				}
				case 2 -> {
					op.delete(n);
					remaining -= n;
				}
				default -> op.insert(text(random, 1 + random.nextInt(5)));
			}
		}
		if (random.nextBoolean()) {
			op.insert(text(random, 1 + random.nextInt(5)));
		}
		return op.build();
	}

}
