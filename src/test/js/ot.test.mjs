// The JavaScript OT implementation against the cases shared with the Java one, plus random
// convergence checks of the client state machine. Run: node --test src/test/js/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { apply, compose, transform, invert, diff, Builder, Client } from '../../main/resources/static/js/ot.js';

const cases = JSON.parse(readFileSync(new URL('../resources/editor/ot-cases.json', import.meta.url), 'utf8'));

test('shared cases: apply, transform, compose and invert agree with the Java implementation', () => {
  assert.equal(cases.length, 300);
  for (const c of cases) {
    assert.equal(apply(c.doc, c.a), c.applyA);
    const [a2, b2] = transform(c.a, c.b);
    assert.deepEqual(a2, c.aPrime);
    assert.deepEqual(b2, c.bPrime);
    assert.equal(apply(apply(c.doc, c.a), b2), c.converged);
    assert.equal(apply(apply(c.doc, c.b), a2), c.converged);
    assert.deepEqual(compose(c.a, c.c), c.composeAC);
    assert.deepEqual(invert(c.doc, c.a), c.invertA);
  }
});

test('operations of the wrong length are rejected, never applied', () => {
  assert.throws(() => apply('abc', [4]));
  assert.throws(() => compose([3], [4]));
  assert.throws(() => transform([3], [2]));
});

test('ties: the first operation inserts first', () => {
  const [a2, b2] = transform(['A', 2], ['B', 2]);
  assert.equal(apply(apply('xy', ['A', 2]), b2), 'ABxy');
  assert.equal(apply(apply('xy', ['B', 2]), a2), 'ABxy');
});

test('diff produces the smallest operation and never splits a surrogate pair', () => {
  assert.deepEqual(diff('hello world', 'hello brave world'), [6, 'brave ', 5]);
  assert.deepEqual(diff('abc', 'abc'), [3]);
  const before = 'a\u{1F600}b', after = 'a\u{1F601}b';
  const op = diff(before, after);
  assert.equal(apply(before, op), after);
  assert.deepEqual(op, [1, '\u{1F601}', -2, 1]);
});

// A tiny simulated server and network: clients edit at random, messages are delivered in
// random interleavings, and everyone must end with the server's text.
test('client state machines converge with a server under random interleavings', () => {
  let seed = 42;
  const random = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
  for (let round = 0; round < 50; round++) {
    const server = { text: 'shared', log: [] };
    const clients = [];
    const toServer = [];
    for (let k = 0; k < 4; k++) {
      const client = { id: k, text: server.text, inbox: [] };
      client.ot = new Client(0, (rev, op) => toServer.push({ from: k, rev, op }),
        (op) => { client.text = apply(client.text, op); });
      clients.push(client);
    }
    const receive = (msg) => {
      let op = msg.op;
      for (const applied of server.log.slice(msg.rev)) op = transform(op, applied)[0];
      server.text = apply(server.text, op);
      server.log.push(op);
      for (const c of clients) c.inbox.push(c.id === msg.from ? { ack: true } : { op });
    };
    for (let step = 0; step < 200; step++) {
      const c = clients[random(clients.length)];
      switch (random(3)) {
        case 0: {
          const at = random(c.text.length + 1);
          const op = new Builder().retain(at).insert(String.fromCharCode(97 + random(26))).retain(c.text.length - at).build();
          c.text = apply(c.text, op);
          c.ot.applyClient(op);
          break;
        }
        case 1:
          if (toServer.length) receive(toServer.splice(random(toServer.length), 1)[0]);
          break;
        default:
          if (c.inbox.length) {
            const m = c.inbox.shift();
            if (m.ack) c.ot.serverAck(); else c.ot.applyServer(m.op);
          }
      }
    }
    while (toServer.length || clients.some((c) => c.inbox.length)) {
      if (toServer.length) receive(toServer.shift());
      for (const c of clients) while (c.inbox.length) {
        const m = c.inbox.shift();
        if (m.ack) c.ot.serverAck(); else c.ot.applyServer(m.op);
      }
    }
    for (const c of clients) assert.equal(c.text, server.text, `client ${c.id} diverged in round ${round}`);
  }
});
