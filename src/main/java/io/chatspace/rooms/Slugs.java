package io.chatspace.rooms;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Derives a room's slug from its name: accents dropped (Unicode NFKD; ß, æ, œ, ø, ł, đ, þ
 * spelled out), lower case, every run of characters outside {@code [a-z0-9]} turned into
 * one {@code -}, no leading or trailing {@code -}, at most 64 characters. A name with no
 * letter or digit at all (say {@code "!!!"} or {@code "日本"}) gets {@code room-} and 8 hex
 * digits of its SHA-256, so the same name always gives the same slug.
 */
final class Slugs {

	static final int MAX_LENGTH = 64;

	private Slugs() {
	}

	static String slugOf(String name) {
		String folded = Normalizer.normalize(name.toLowerCase(Locale.ROOT), Normalizer.Form.NFKD)
			.replaceAll("\\p{M}+", "")
			.replace("ß", "ss")
			.replace("æ", "ae")
			.replace("œ", "oe")
			.replace("ø", "o")
			.replace("ł", "l")
			.replace("đ", "d")
			.replace("þ", "th");
		StringBuilder slug = new StringBuilder();
		boolean dash = false;
		for (int i = 0; i < folded.length() && slug.length() < MAX_LENGTH; i++) {
			char c = folded.charAt(i);
			if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
				if (dash && !slug.isEmpty()) {
					slug.append('-');
				}
				dash = false;
				slug.append(c);
			}
			else {
				dash = true;
			}
		}
		if (slug.length() > MAX_LENGTH) {
			slug.setLength(MAX_LENGTH);
		}
		while (!slug.isEmpty() && slug.charAt(slug.length() - 1) == '-') {
			slug.setLength(slug.length() - 1);
		}
		return slug.isEmpty() ? "room-" + shortHash(name) : slug.toString();
	}

	private static String shortHash(String name) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 4);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
