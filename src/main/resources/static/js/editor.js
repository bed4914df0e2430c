// The room's shared document: a textarea kept in sync with server-authoritative OT
// (docs/protocol.md, doc.* frames). Local typing never waits for the network: edits become
// operations (diff of the text before and after), sent one at a time through the ot.js client
// state machine; remote operations are transformed against pending ones and applied with the
// caret kept in place. Other users' carets are shown in colour with their names.
import { Client, apply, diff, transformIndex } from './ot.js';

const CURSOR_EVERY_MS = 150;
const COLOURS = ['#d63384', '#0d6efd', '#198754', '#fd7e14', '#6f42c1', '#20c997', '#dc3545', '#0dcaf0'];

const root = document.getElementById('chat');
const room = root.dataset.room;
const me = root.dataset.username;
const textarea = document.getElementById('doc-text');
const status = document.getElementById('doc-status');
const layer = document.getElementById('doc-cursors');

let client = null;      // ot.js client, once the first snapshot arrived
let shadow = '';        // the text the client state machine believes is in the textarea
let outstandingRef = null;
let opened = false;
let refCounter = 0;
let lastCursorSent = 0;
let cursorTimer = null;
/** username → {anchor, head, element} */
const remote = new Map();

const send = (frame) => window.dispatchEvent(new CustomEvent('chatspace:send', { detail: frame }));

function setStatus(text, state) {
	status.textContent = text;
	status.dataset.state = state;
}

function open() {
	const frame = { type: 'doc.open', room, ref: `doc-open-${++refCounter}` };
	if (client !== null) frame.rev = client.revision;
	send(frame);
}

function sendOperation(revision, op) {
	outstandingRef = `doc-op-${Date.now().toString(36)}-${++refCounter}`;
	send({ type: 'doc.op', room, rev: revision, op, ref: outstandingRef });
	setStatus('saving…', 'saving');
}

function applyRemote(op) {
	const start = textarea.selectionStart, end = textarea.selectionEnd;
	const focused = document.activeElement === textarea;
	shadow = apply(shadow, op);
	textarea.value = shadow;
	if (focused) textarea.setSelectionRange(transformIndex(start, op), transformIndex(end, op));
	for (const cursor of remote.values()) {
		cursor.anchor = transformIndex(cursor.anchor, op);
		cursor.head = transformIndex(cursor.head, op);
	}
	renderCursors();
}

function onSnapshot(frame) {
	if (client === null || frame.ops === undefined && client.revision !== frame.rev) {
		// first open, or the server could not give what we missed: start from its text
		client = new Client(frame.rev, sendOperation, applyRemote);
		shadow = frame.text;
		textarea.value = frame.text;
		outstandingRef = null;
	} else {
		let acked = false;
		for (const missed of frame.ops ?? []) {
			if (client.outstanding !== null && missed.opRef === outstandingRef && missed.user === me) {
				// stored before the connection dropped, its ack lost: the buffer (if any) goes out now
				acked = true;
				client.serverAck();
			} else {
				client.applyServer(missed.op);
			}
		}
		// never stored: send it again (same ref, so a late duplicate is not applied twice)
		if (!acked) client.resend();
	}
	opened = true;
	textarea.disabled = false;
	setStatus(client.outstanding === null ? 'saved' : 'saving…', client.outstanding === null ? 'saved' : 'saving');
}

function onLocalInput() {
	if (client === null) return;
	const text = textarea.value;
	if (text === shadow) return;
	const op = diff(shadow, text);
	shadow = text;
	for (const cursor of remote.values()) {
		cursor.anchor = transformIndex(cursor.anchor, op);
		cursor.head = transformIndex(cursor.head, op);
	}
	client.applyClient(op);
	renderCursors();
	sendCursorSoon();
}

function sendCursorSoon() {
	if (client === null || !opened) return;
	clearTimeout(cursorTimer);
	const wait = Math.max(0, lastCursorSent + CURSOR_EVERY_MS - Date.now());
	cursorTimer = setTimeout(() => {
		// a cursor is only meaningful at a revision the server knows: wait until edits are acked
		if (client.outstanding !== null) {
			cursorTimer = setTimeout(sendCursorSoon, 50);
			return;
		}
		lastCursorSent = Date.now();
		send({ type: 'doc.cursor', room, rev: client.revision, anchor: textarea.selectionStart, head: textarea.selectionEnd });
	}, wait);
}

function onFrame(frame) {
	if (frame.room !== undefined && frame.room !== room) return;
	switch (frame.type) {
		case 'doc.snapshot':
			onSnapshot(frame);
			break;
		case 'doc.ack':
			if (client !== null && frame.ref === outstandingRef) {
				outstandingRef = null;
				client.serverAck();
				if (client.outstanding === null) setStatus('saved', 'saved');
				showWaitingCursors();
			}
			break;
		case 'doc.op':
			if (client !== null) client.applyServer(frame.op);
			if (frame.user) showCursorOf(frame.user);
			showWaitingCursors();
			break;
		case 'doc.cursor':
			if (frame.user !== me && client !== null) {
				// a caret at a revision this client has not reached yet is shown once it has
				if (frame.rev > client.revision) waitingCursors.set(frame.user, frame);
				else if (frame.rev === client.revision) showCursor(frame);
			}
			break;
		case 'error':
			if (frame.ref === outstandingRef || (frame.ref ?? '').startsWith('doc-open')) {
				// refused (too large, or out of sync): show why and start again from the server's text
				setStatus(frame.message ?? 'refused', 'error');
				client = null;
				open();
			}
			break;
		default:
	}
}

// carets sent at a revision ahead of this client's, by user
const waitingCursors = new Map();

function showCursor(frame) {
	waitingCursors.delete(frame.user);
	const cursor = remote.get(frame.user) ?? { element: null };
	cursor.anchor = frame.anchor;
	cursor.head = frame.head;
	cursor.hidden = false;
	remote.set(frame.user, cursor);
	renderCursors();
}

function showWaitingCursors() {
	if (client === null) return;
	for (const frame of [...waitingCursors.values()]) {
		if (frame.rev === client.revision) showCursor(frame);
		else if (frame.rev < client.revision) waitingCursors.delete(frame.user);
	}
}

function showCursorOf(user) {
	if (!remote.has(user)) remote.set(user, { anchor: 0, head: 0, element: null, hidden: true });
}

// ---- remote carets: measured with a mirror of the textarea ---------------------------------

const mirror = document.createElement('div');
mirror.className = 'doc-mirror';
mirror.setAttribute('aria-hidden', 'true');
layer.parentElement.appendChild(mirror);

function colourOf(user) {
	let h = 0;
	for (const c of user) h = (h * 31 + c.charCodeAt(0)) >>> 0;
	return COLOURS[h % COLOURS.length];
}

function caretPosition(index) {
	const style = getComputedStyle(textarea);
	for (const p of ['fontFamily', 'fontSize', 'fontWeight', 'lineHeight', 'letterSpacing', 'paddingTop', 'paddingLeft',
		'paddingRight', 'paddingBottom', 'borderTopWidth', 'borderLeftWidth', 'borderRightWidth', 'whiteSpace',
		'wordWrap', 'tabSize']) {
		mirror.style[p] = style[p];
	}
	mirror.style.width = `${textarea.clientWidth}px`;
	mirror.textContent = shadow.slice(0, index);
	const marker = document.createElement('span');
	marker.textContent = '\u200b';
	mirror.appendChild(marker);
	return { top: marker.offsetTop - textarea.scrollTop, left: marker.offsetLeft - textarea.scrollLeft };
}

function renderCursors() {
	for (const [user, cursor] of remote) {
		if (cursor.hidden) continue;
		if (cursor.element === null) {
			cursor.element = document.createElement('div');
			cursor.element.className = 'doc-caret';
			cursor.element.dataset.user = user;
			cursor.element.style.setProperty('--caret-colour', colourOf(user));
			const label = document.createElement('span');
			label.className = 'doc-caret-label';
			label.textContent = user;
			cursor.element.appendChild(label);
			layer.appendChild(cursor.element);
		}
		const at = Math.min(cursor.head, shadow.length);
		const { top, left } = caretPosition(at);
		cursor.element.style.transform = `translate(${left}px, ${top}px)`;
		cursor.element.hidden = top < 0 || top > textarea.clientHeight;
	}
}

// ---- wiring ---------------------------------------------------------------------------------

textarea.disabled = true;
textarea.addEventListener('input', onLocalInput);
textarea.addEventListener('scroll', renderCursors);
for (const type of ['keyup', 'mouseup', 'select', 'focus']) textarea.addEventListener(type, sendCursorSoon);
window.addEventListener('resize', renderCursors);
window.addEventListener('chatspace:joined', open);
// room.js may have joined before this module (and ot.js) finished loading
if (root.dataset.joined === 'true') open();
window.addEventListener('chatspace:dropped', () => {
	opened = false;
	setStatus(client === null ? 'connecting…' : 'offline — edits are kept and sent on reconnect', 'offline');
});
window.addEventListener('chatspace:frame', (event) => onFrame(event.detail));
window.addEventListener('chatspace:presence', (event) => {
	for (const user of event.detail.leaves ?? []) {
		remote.get(user)?.element?.remove();
		remote.delete(user);
		waitingCursors.delete(user);
	}
});
window.addEventListener('chatspace:removed', () => {
	opened = false;
	textarea.disabled = true;
	setStatus('not available', 'closed');
});
