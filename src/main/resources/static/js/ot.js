// Operational transformation on plain text, in the ot.js / Google Wave operation format:
// an operation is an array of components walking the whole document: a positive integer
// retains that many characters, a string inserts it, a negative integer deletes that many.
// Lengths count UTF-16 code units (JavaScript's String.length), as on the server
// (io.chatspace.editor.TextOperation); both implementations pass the same cases.
//
// Algebra: Ellis & Gibbs 1989; Nichols et al. 1995 (the Jupiter system); the ot.js transform.
// For concurrent a, b on document d with [a2, b2] = transform(a, b):
//   apply(apply(d, a), b2) === apply(apply(d, b), a2), and on a tie a's insert goes first.

const isRetain = (c) => typeof c === 'number' && c > 0;
const isDelete = (c) => typeof c === 'number' && c < 0;
const isInsert = (c) => typeof c === 'string';

/** Builds a normalised operation (adjacent components merged, insert before delete). */
export class Builder {
  constructor() { this.ops = []; }
  retain(n) {
    if (n === 0) return this;
    const last = this.ops.length - 1;
    if (isRetain(this.ops[last])) this.ops[last] += n; else this.ops.push(n);
    return this;
  }
  insert(s) {
    if (s === '') return this;
    const ops = this.ops;
    const last = ops.length - 1;
    if (isInsert(ops[last])) ops[last] += s;
    else if (isDelete(ops[last])) {
      if (isInsert(ops[last - 1])) ops[last - 1] += s;
      else { ops.push(ops[last]); ops[last] = s; }
    } else ops.push(s);
    return this;
  }
  delete(n) {
    if (n === 0) return this;
    const last = this.ops.length - 1;
    if (isDelete(this.ops[last])) this.ops[last] -= n; else this.ops.push(-n);
    return this;
  }
  build() { return this.ops; }
}

/** @returns the length of documents the operation applies to */
export function baseLength(op) {
  let n = 0;
  for (const c of op) if (!isInsert(c)) n += Math.abs(c);
  return n;
}

/** @returns the length of documents the operation produces */
export function targetLength(op) {
  let n = 0;
  for (const c of op) if (isInsert(c)) n += c.length; else if (c > 0) n += c;
  return n;
}

/** Applies op to doc; throws on a length mismatch. */
export function apply(doc, op) {
  if (doc.length !== baseLength(op)) throw new Error('operation does not fit the document');
  const out = [];
  let i = 0;
  for (const c of op) {
    if (isInsert(c)) out.push(c);
    else if (c > 0) { out.push(doc.slice(i, i + c)); i += c; }
    else i -= c;
  }
  return out.join('');
}

/** One operation with the effect of a followed by b. */
export function compose(a, b) {
  if (targetLength(a) !== baseLength(b)) throw new Error('operations do not compose');
  const out = new Builder();
  let i1 = 0, i2 = 0;
  let op1 = a[i1++], op2 = b[i2++];
  while (op1 !== undefined || op2 !== undefined) {
    if (isDelete(op1)) { out.delete(-op1); op1 = a[i1++]; continue; }
    if (isInsert(op2)) { out.insert(op2); op2 = b[i2++]; continue; }
    if (op1 === undefined || op2 === undefined) throw new Error('operations do not compose');
    if (isRetain(op1) && isRetain(op2)) {
      const m = Math.min(op1, op2);
      out.retain(m);
      op1 = op1 > m ? op1 - m : a[i1++];
      op2 = op2 > m ? op2 - m : b[i2++];
    } else if (isInsert(op1) && isDelete(op2)) {
      const d = -op2;
      if (op1.length > d) { op1 = op1.slice(d); op2 = b[i2++]; }
      else if (op1.length === d) { op1 = a[i1++]; op2 = b[i2++]; }
      else { op2 = -(d - op1.length); op1 = a[i1++]; }
    } else if (isInsert(op1) && isRetain(op2)) {
      if (op1.length > op2) { out.insert(op1.slice(0, op2)); op1 = op1.slice(op2); op2 = b[i2++]; }
      else { out.insert(op1); op2 = op2 > op1.length ? op2 - op1.length : b[i2++]; op1 = a[i1++]; }
    } else {
      const d = -op2, m = Math.min(op1, d);
      out.delete(m);
      op1 = op1 > m ? op1 - m : a[i1++];
      op2 = d > m ? -(d - m) : b[i2++];
    }
  }
  return out.build();
}

/** [a2, b2] for concurrent a and b on the same document; a's insert wins ties. */
export function transform(a, b) {
  if (baseLength(a) !== baseLength(b)) throw new Error('concurrent operations differ in base length');
  const a2 = new Builder(), b2 = new Builder();
  let i1 = 0, i2 = 0;
  let op1 = a[i1++], op2 = b[i2++];
  while (op1 !== undefined || op2 !== undefined) {
    if (isInsert(op1)) { a2.insert(op1); b2.retain(op1.length); op1 = a[i1++]; continue; }
    if (isInsert(op2)) { a2.retain(op2.length); b2.insert(op2); op2 = b[i2++]; continue; }
    if (op1 === undefined || op2 === undefined) throw new Error('operations do not transform');
    const n1 = Math.abs(op1), n2 = Math.abs(op2), m = Math.min(n1, n2);
    if (isRetain(op1) && isRetain(op2)) { a2.retain(m); b2.retain(m); }
    else if (isDelete(op1) && isRetain(op2)) a2.delete(m);
    else if (isRetain(op1) && isDelete(op2)) b2.delete(m);
    op1 = n1 > m ? Math.sign(op1) * (n1 - m) : a[i1++];
    op2 = n2 > m ? Math.sign(op2) * (n2 - m) : b[i2++];
  }
  return [a2.build(), b2.build()];
}

/** The operation that undoes op (which applies to doc). */
export function invert(doc, op) {
  const out = new Builder();
  let i = 0;
  for (const c of op) {
    if (isInsert(c)) out.delete(c.length);
    else if (c > 0) { out.retain(c); i += c; }
    else { out.insert(doc.slice(i, i - c)); i -= c; }
  }
  return out.build();
}

/** The smallest operation turning text `before` into `after` (common prefix and suffix kept). */
export function diff(before, after) {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (end < max - start
      && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  // never cut a surrogate pair in two
  if (start > 0 && isHigh(before.charCodeAt(start - 1))) start--;
  if (end > 0 && isLow(before.charCodeAt(before.length - end))) end--;
  return new Builder()
    .retain(start)
    .delete(before.length - start - end)
    .insert(after.slice(start, after.length - end))
    .retain(end)
    .build();
}

const isHigh = (c) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c) => c >= 0xdc00 && c <= 0xdfff;

/** Maps a caret position through an operation (used for remote edits and cursors). */
export function transformIndex(index, op) {
  let newIndex = index, i = 0;
  for (const c of op) {
    if (i > index) break;
    if (isRetain(c)) i += c;
    else if (isInsert(c)) newIndex += c.length;
    else { newIndex -= Math.min(index - i, -c); i -= c; }
  }
  return newIndex;
}

/**
 * The client side of server-authoritative OT (the ot.js Client): synchronized, awaiting an
 * ack for one sent operation, or awaiting with a buffer of local edits composed together.
 * Typing never blocks; incoming operations are transformed as transform(pending, incoming).
 */
export class Client {
  /**
   * @param {number} revision the revision of the snapshot the client starts from
   * @param {(revision:number, op:Array) => void} send sends an operation to the server
   * @param {(op:Array) => void} applyRemote applies a transformed remote operation locally
   */
  constructor(revision, send, applyRemote) {
    this.revision = revision;
    this.outstanding = null;
    this.buffer = null;
    this.send = send;
    this.applyRemote = applyRemote;
  }
  /** A local edit, already applied to the local text. */
  applyClient(op) {
    if (this.outstanding === null) { this.outstanding = op; this.send(this.revision, op); }
    else if (this.buffer === null) this.buffer = op;
    else this.buffer = compose(this.buffer, op);
  }
  /** An operation of another user, at the server's next revision. */
  applyServer(op) {
    this.revision++;
    let incoming = op;
    if (this.outstanding !== null) {
      [this.outstanding, incoming] = transform(this.outstanding, incoming);
      if (this.buffer !== null) [this.buffer, incoming] = transform(this.buffer, incoming);
    }
    this.applyRemote(incoming);
  }
  /** The server acknowledged our outstanding operation. */
  serverAck() {
    this.revision++;
    this.outstanding = this.buffer;
    this.buffer = null;
    if (this.outstanding !== null) this.send(this.revision, this.outstanding);
  }
  /** After a reconnect: resend the outstanding operation (the server de-duplicates by ref). */
  resend() {
    if (this.outstanding !== null) this.send(this.revision, this.outstanding);
  }
}
