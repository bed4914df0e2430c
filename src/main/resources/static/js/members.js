// A private room's members (GET /api/rooms/{slug}/members). Its owner adds members by name and
// removes them; the server ends a removed member's subscription at once (docs/protocol.md).
import { callApi } from './common.js';

const root = document.getElementById('chat');
const room = root.dataset.room;
const me = root.dataset.username;
const owner = root.dataset.owner === 'true';

const el = {
	list: document.getElementById('members'),
	form: document.getElementById('add-member-form'),
	name: document.getElementById('member-name'),
	add: document.getElementById('add-member-button'),
	error: document.getElementById('member-error'),
};

const path = `/api/rooms/${encodeURIComponent(room)}/members`;

function showError(text) {
	el.error.textContent = text;
}

async function load() {
	try {
		const { status, body } = await callApi('GET', path);
		if (status === 200 && Array.isArray(body?.members)) {
			render(body.members);
		}
	} catch {
		showError('The members could not be loaded.');
	}
}

function render(members) {
	el.list.replaceChildren(...members.map((member) => {
		const item = document.createElement('li');
		item.className = 'd-flex align-items-center gap-2 py-1 member';
		item.dataset.user = member.username;
		const name = document.createElement('span');
		name.className = 'text-truncate';
		name.textContent = member.username;
		item.append(name);
		if (member.owner) {
			const badge = document.createElement('span');
			badge.className = 'badge rounded-pill text-bg-light border';
			badge.textContent = 'owner';
			item.append(badge);
		} else if (owner && member.username !== me) {
			const remove = document.createElement('button');
			remove.type = 'button';
			remove.className = 'btn btn-link btn-sm text-danger ms-auto p-0 remove-member';
			remove.textContent = 'Remove';
			remove.setAttribute('aria-label', `Remove ${member.username}`);
			remove.addEventListener('click', () => removeMember(member.username, remove));
			item.append(remove);
		}
		return item;
	}));
}

async function removeMember(username, button) {
	button.disabled = true;
	try {
		const { status, body } = await callApi('DELETE', `${path}/${encodeURIComponent(username)}`);
		if (status === 204) {
			showError('');
		} else {
			showError(body?.message ?? `Could not remove ${username}.`);
		}
	} catch {
		showError('The server cannot be reached. Try again in a moment.');
	}
	await load();
}

el.form?.addEventListener('submit', async (event) => {
	event.preventDefault();
	const username = el.name.value.trim();
	if (username === '') {
		return;
	}
	el.add.disabled = true;
	try {
		const { status, body } = await callApi('POST', path, { user: username });
		if (status === 200 || status === 201) {
			el.name.value = '';
			showError('');
		} else {
			showError(body?.message ?? `Could not add ${username}.`);
		}
	} catch {
		showError('The server cannot be reached. Try again in a moment.');
	} finally {
		el.add.disabled = false;
	}
	await load();
});

window.addEventListener('chatspace:removed', () => {
	el.form?.remove();
	el.list.replaceChildren();
});

load();
