package io.chatspace.editor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An operation on plain text in the ot.js / Google Wave format: a sequence of components
 * that walk the whole document: <em>retain</em> n characters (a positive integer),
 * <em>insert</em> a string, <em>delete</em> n characters (a negative integer). Lengths
 * and positions count UTF-16 code units, as Java and JavaScript strings do.
 * <p>
 * Operations are immutable and normalised as ot.js does (adjacent components of one kind
 * merged, an insert next to a delete placed first, no empty components), so two
 * operations with the same effect are {@link #equals equal}.
 * <p>
 * The algebra (Ellis &amp; Gibbs 1989, "Concurrency control in groupware systems";
 * Nichols et al. 1995, "High-latency, low-bandwidth windowing in the Jupiter
 * collaboration system"; the transform of ot.js and Google Wave): {@link #apply},
 * {@link #compose}, {@link #transform} and {@link #invert}. For a document {@code d} and
 * operations {@code a}, {@code b} on it, with {@code [a', b'] = transform(a, b)}:
 * {@code b'.apply(a.apply(d)) == a'.apply(b.apply(d))} (TP1), and
 * {@code compose(a, b).apply(d) == b.apply(a.apply(d))}.
 */
public final class TextOperation {

	private final List<Object> components;

	private final int baseLength;

	private final int targetLength;

	private TextOperation(List<Object> components, int baseLength, int targetLength) {
		this.components = Collections.unmodifiableList(components);
		this.baseLength = baseLength;
		this.targetLength = targetLength;
	}

	/**
	 * @return a builder of a new operation
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Reads the wire form: a JSON array already parsed into Java values.
	 * @param wire a list of {@link Integer}/{@link Long} (retain if positive, delete if
	 * negative) and {@link String} (insert)
	 * @return the operation, normalised
	 * @throws InvalidOperationException when a component is zero, empty, of another type,
	 * or the list is not a list
	 */
	public static TextOperation fromWire(Object wire) {
		if (!(wire instanceof List<?> list)) {
			throw new InvalidOperationException("an operation must be an array");
		}
		Builder builder = builder();
		for (Object component : list) {
			if (component instanceof String s && !s.isEmpty()) {
				if (!wellFormed(s)) {
					throw new InvalidOperationException("an insert must not contain a lone surrogate");
				}
				builder.insert(s);
			}
			else if ((component instanceof Integer || component instanceof Long)
					&& ((Number) component).longValue() != 0
					&& Math.abs(((Number) component).longValue()) <= Integer.MAX_VALUE) {
				int n = ((Number) component).intValue();
				if (n > 0) {
					builder.retain(n);
				}
				else {
					builder.delete(-n);
				}
			}
			else {
				throw new InvalidOperationException(
						"components must be non-zero integers (retain, delete) or non-empty strings (insert)");
			}
		}
		return builder.build();
	}

	/**
	 * @return the wire form: positive integers, negative integers and strings
	 */
	public List<Object> toWire() {
		return components;
	}

	/**
	 * @return the length of the documents this operation applies to
	 */
	public int baseLength() {
		return baseLength;
	}

	/**
	 * @return the length of the documents it produces
	 */
	public int targetLength() {
		return targetLength;
	}

	/**
	 * Applies the operation.
	 * @param document a text of length {@link #baseLength()}
	 * @return the new text
	 * @throws InvalidOperationException when the lengths do not match or a boundary of
	 * the operation would split a surrogate pair of the document
	 */
	public String apply(String document) {
		if (document.length() != baseLength) {
			throw new InvalidOperationException(
					"the operation's base length " + baseLength + " is not the document's length " + document.length());
		}
		StringBuilder result = new StringBuilder(targetLength);
		int index = 0;
		for (Object c : components) {
			checkBoundary(document, index);
			if (c instanceof String insert) {
				result.append(insert);
			}
			else {
				int n = (Integer) c;
				if (n > 0) {
					result.append(document, index, index + n);
					index += n;
				}
				else {
					index -= n;
				}
			}
		}
		checkBoundary(document, index);
		return result.toString();
	}

	/**
	 * @param document the text this operation applies to
	 * @return the operation that undoes this one on its result
	 * @throws InvalidOperationException when the lengths do not match
	 */
	public TextOperation invert(String document) {
		if (document.length() != baseLength) {
			throw new InvalidOperationException("the operation does not apply to this document");
		}
		Builder inverse = builder();
		int index = 0;
		for (Object c : components) {
			if (c instanceof String insert) {
				inverse.delete(insert.length());
			}
			else {
				int n = (Integer) c;
				if (n > 0) {
					inverse.retain(n);
					index += n;
				}
				else {
					inverse.insert(document.substring(index, index - n));
					index -= n;
				}
			}
		}
		return inverse.build();
	}

	/**
	 * @param next an operation that applies to this one's result
	 * @return one operation with the effect of this one followed by {@code next}
	 * @throws InvalidOperationException when {@code next.baseLength() != targetLength()}
	 */
	public TextOperation compose(TextOperation next) {
		if (targetLength != next.baseLength) {
			throw new InvalidOperationException(
					"the second operation's base length must be the first one's target length");
		}
		Builder out = builder();
		Cursor c1 = new Cursor(components);
		Cursor c2 = new Cursor(next.components);
		Object op1 = c1.next();
		Object op2 = c2.next();
		while (op1 != null || op2 != null) {
			if (isDelete(op1)) {
				out.delete(-(Integer) op1);
				op1 = c1.next();
				continue;
			}
			if (op2 instanceof String insert) {
				out.insert(insert);
				op2 = c2.next();
				continue;
			}
			if (op1 == null || op2 == null) {
				throw new InvalidOperationException("the operations do not compose");
			}
			if (isRetain(op1) && isRetain(op2)) {
				int n1 = (Integer) op1;
				int n2 = (Integer) op2;
				out.retain(Math.min(n1, n2));
				op1 = n1 > n2 ? (Object) (n1 - n2) : c1.next();
				op2 = n2 > n1 ? (Object) (n2 - n1) : c2.next();
			}
			else if (op1 instanceof String insert && isDelete(op2)) {
				int d = -(Integer) op2;
				op1 = insert.length() > d ? insert.substring(d) : c1.next();
				op2 = d > insert.length() ? Integer.valueOf(-(d - insert.length())) : c2.next();
			}
			else if (op1 instanceof String insert && isRetain(op2)) {
				int r = (Integer) op2;
				if (insert.length() > r) {
					out.insert(insert.substring(0, r));
					op1 = insert.substring(r);
					op2 = c2.next();
				}
				else {
					out.insert(insert);
					op1 = c1.next();
					op2 = r > insert.length() ? (Object) (r - insert.length()) : c2.next();
				}
			}
			else {
				// retain in op1, delete in op2
				int r = (Integer) op1;
				int d = -(Integer) op2;
				out.delete(Math.min(r, d));
				op1 = r > d ? (Object) (r - d) : c1.next();
				op2 = d > r ? Integer.valueOf(-(d - r)) : c2.next();
			}
		}
		return out.build();
	}

	/**
	 * Transforms two concurrent operations on the same document (the ot.js / Wave
	 * transform). When both insert at the same position, {@code a}'s insert goes first.
	 * @param a an operation
	 * @param b an operation on the same document as {@code a}
	 * @return {@code [a', b']}: {@code a'} applies after {@code b}, {@code b'} after
	 * {@code a}, and both orders give the same text
	 * @throws InvalidOperationException when the base lengths differ
	 */
	public static TextOperation[] transform(TextOperation a, TextOperation b) {
		if (a.baseLength != b.baseLength) {
			throw new InvalidOperationException("concurrent operations must have the same base length");
		}
		Builder aPrime = builder();
		Builder bPrime = builder();
		Cursor c1 = new Cursor(a.components);
		Cursor c2 = new Cursor(b.components);
		Object op1 = c1.next();
		Object op2 = c2.next();
		while (op1 != null || op2 != null) {
			if (op1 instanceof String insert) {
				aPrime.insert(insert);
				bPrime.retain(insert.length());
				op1 = c1.next();
				continue;
			}
			if (op2 instanceof String insert) {
				aPrime.retain(insert.length());
				bPrime.insert(insert);
				op2 = c2.next();
				continue;
			}
			if (op1 == null || op2 == null) {
				throw new InvalidOperationException("the operations do not transform");
			}
			int n1 = Math.abs((Integer) op1);
			int n2 = Math.abs((Integer) op2);
			int min = Math.min(n1, n2);
			if (isRetain(op1) && isRetain(op2)) {
				aPrime.retain(min);
				bPrime.retain(min);
			}
			else if (isDelete(op1) && isRetain(op2)) {
				aPrime.delete(min);
			}
			else if (isRetain(op1) && isDelete(op2)) {
				bPrime.delete(min);
			}
			// both delete the same characters: neither needs to
			op1 = n1 > min ? (Object) (Integer.signum((Integer) op1) * (n1 - min)) : c1.next();
			op2 = n2 > min ? (Object) (Integer.signum((Integer) op2) * (n2 - min)) : c2.next();
		}
		return new TextOperation[] { aPrime.build(), bPrime.build() };
	}

	private static boolean isRetain(Object c) {
		return c instanceof Integer n && n > 0;
	}

	private static boolean isDelete(Object c) {
		return c instanceof Integer n && n < 0;
	}

	private static void checkBoundary(String document, int index) {
		if (index > 0 && index < document.length() && Character.isHighSurrogate(document.charAt(index - 1))
				&& Character.isLowSurrogate(document.charAt(index))) {
			throw new InvalidOperationException("the operation would split a surrogate pair at " + index);
		}
	}

	static boolean wellFormed(String s) {
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			if (Character.isHighSurrogate(c)) {
				if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
					return false;
				}
				i++;
			}
			else if (Character.isLowSurrogate(c)) {
				return false;
			}
		}
		return true;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof TextOperation o && o.components.equals(components);
	}

	@Override
	public int hashCode() {
		return components.hashCode();
	}

	@Override
	public String toString() {
		return components.toString();
	}

	private static final class Cursor {

		private final List<Object> components;

		private int index;

		Cursor(List<Object> components) {
			this.components = components;
		}

		Object next() {
			return index < components.size() ? components.get(index++) : null;
		}

	}

	/** Builds a normalised operation, component by component, as ot.js does. */
	public static final class Builder {

		private final List<Object> components = new ArrayList<>();

		private int baseLength;

		private int targetLength;

		/**
		 * @param n characters to keep, {@code >= 0} (0 adds nothing)
		 * @return this builder
		 */
		public Builder retain(int n) {
			if (n < 0) {
				throw new InvalidOperationException("retain must not be negative");
			}
			if (n == 0) {
				return this;
			}
			baseLength += n;
			targetLength += n;
			if (!components.isEmpty() && isRetain(components.getLast())) {
				components.set(components.size() - 1, (Integer) components.getLast() + n);
			}
			else {
				components.add(n);
			}
			return this;
		}

		/**
		 * @param text characters to insert ("" adds nothing)
		 * @return this builder
		 */
		public Builder insert(String text) {
			if (text.isEmpty()) {
				return this;
			}
			targetLength += text.length();
			int last = components.size() - 1;
			if (last >= 0 && components.get(last) instanceof String previous) {
				components.set(last, previous + text);
			}
			else if (last >= 0 && isDelete(components.get(last))) {
				// insert before an adjacent delete, so equal effects are equal operations
				if (last >= 1 && components.get(last - 1) instanceof String previous) {
					components.set(last - 1, previous + text);
				}
				else {
					components.add(last, text);
				}
			}
			else {
				components.add(text);
			}
			return this;
		}

		/**
		 * @param n characters to delete, {@code >= 0} (0 adds nothing)
		 * @return this builder
		 */
		public Builder delete(int n) {
			if (n < 0) {
				throw new InvalidOperationException("delete must not be negative");
			}
			if (n == 0) {
				return this;
			}
			baseLength += n;
			if (!components.isEmpty() && isDelete(components.getLast())) {
				components.set(components.size() - 1, (Integer) components.getLast() - n);
			}
			else {
				components.add(-n);
			}
			return this;
		}

		/**
		 * @return the operation
		 */
		public TextOperation build() {
			return new TextOperation(new ArrayList<>(components), baseLength, targetLength);
		}

	}

}
