// Rate limits shared by several Node processes through Redis (issue 5): a real
// redis-server (Debian's) started on a free loopback port, two `ai-gateway start`
// processes using it (flag and env var), the store's atomicity, and fail-open
// when Redis goes away.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { encodeCommand, parseReply, parseRedisUrl, RedisRateLimitStore } from '../../worker/node/redis-store.mjs';
import { freePort, startNodeHost } from './hosts.mjs';

const CONFIG = `endpoints:
  - name: chat
    endpoint_type: llm/v1/chat
    model: {provider: mock}
    limit: {calls: 3, renewal_period: minute}
`;

async function startRedis() {
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${output}`)), 10000);
    const poll = setInterval(() => {
      if (/Ready to accept connections/.test(output)) { clearInterval(poll); clearTimeout(timer); resolve(); }
    }, 20);
    child.once('exit', (code) => { clearInterval(poll); clearTimeout(timer); reject(new Error(`redis-server exited ${code}:\n${output}`)); });
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  };
  return { port, uri: `redis://127.0.0.1:${port}`, stop };
}

const HELLO = JSON.stringify({ messages: [{ role: 'user', content: 'hi' }] });
const invoke = (url) => fetch(`${url}/endpoints/chat/invocations`,
  { method: 'POST', headers: { 'content-type': 'application/json' }, body: HELLO }).then(async (r) => {
  await r.arrayBuffer();
  return r.status;
});

describe('the RESP client', () => {
  it('encodes commands and parses every reply type, incomplete input included', () => {
    assert.equal(encodeCommand(['SET', 'k', 'vé']), '*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$3\r\nvé\r\n');
    const buf = Buffer.from('*3\r\n:5\r\n$3\r\nabc\r\n$-1\r\n+OK\r\n-ERR bad\r\n');
    const first = parseReply(buf, 0);
    assert.deepEqual(first.value, [5, 'abc', null]);
    const ok = parseReply(buf, first.next);
    assert.equal(ok.value, 'OK');
    assert.match(parseReply(buf, ok.next).value.message, /ERR bad/);
    assert.equal(parseReply(Buffer.from('$5\r\nab'), 0), undefined);
    assert.equal(parseReply(Buffer.from('*2\r\n:1\r\n'), 0), undefined);
  });
  it('reads redis:// URIs', () => {
    assert.deepEqual(parseRedisUrl('redis://:pw@example:6380/2'),
      { host: 'example', port: 6380, tls: false, username: '', password: 'pw', db: 2 });
    assert.equal(parseRedisUrl('rediss://h').tls, true);
    assert.throws(() => parseRedisUrl('http://h'), RangeError);
  });
});

// Debian's redis-server is expected; without it the suite is skipped, not failed.
const HAVE_REDIS = !spawnSync('redis-server', ['--version']).error;

describe('rate limits shared through Redis', { skip: HAVE_REDIS ? false : 'redis-server is not installed' }, () => {
  let redis;
  const hosts = [];
  before(async () => { redis = await startRedis(); });
  after(async () => {
    for (const h of hosts) await h.stop();
    await redis?.stop();
  });

  it('the store counts concurrent hits atomically and renews the window', async () => {
    const store = new RedisRateLimitStore(redis.uri, { prefix: 'test:' });
    try {
      const now = Date.now();
      const states = await Promise.all(Array.from({ length: 50 }, () => store.hit('k', 60000, now)));
      assert.deepEqual(states.map((s) => s.count).sort((a, b) => a - b), Array.from({ length: 50 }, (_, i) => i + 1));
      for (const s of states) assert.ok(Math.abs(s.windowStartMs - now) < 1000);
      assert.equal((await store.hit('short', 150, Date.now())).count, 1);
      assert.equal((await store.hit('short', 150, Date.now())).count, 2);
      await new Promise((r) => setTimeout(r, 250));
      assert.equal((await store.hit('short', 150, Date.now())).count, 1, 'a new window after PEXPIRE');
    } finally {
      store.close();
    }
  });

  it('two Node processes sharing one Redis let exactly N through', async () => {
    hosts.push(await startNodeHost({ config: CONFIG, args: ['--rate-limit-store', redis.uri, '--quiet'] }));
    hosts.push(await startNodeHost({ config: CONFIG, args: ['--quiet'], env: { MLFLOW_GATEWAY_RATE_LIMITS_STORAGE_URI: redis.uri } }));
    const statuses = await Promise.all(Array.from({ length: 20 }, (_, i) => invoke(hosts[i % 2].url)));
    assert.equal(statuses.filter((s) => s === 200).length, 3, `statuses ${statuses}`);
    assert.equal(statuses.filter((s) => s === 429).length, 17);
  });

  it('in-process counters (no store) would let N through per process', async () => {
    const local = [await startNodeHost({ config: CONFIG, args: ['--quiet'] }), await startNodeHost({ config: CONFIG, args: ['--quiet'] })];
    hosts.push(...local);
    const statuses = await Promise.all(Array.from({ length: 20 }, (_, i) => invoke(local[i % 2].url)));
    assert.equal(statuses.filter((s) => s === 200).length, 6);
  });

  it('when Redis goes away, requests are let through and the failure is logged', async () => {
    const host = await startNodeHost({ config: CONFIG, args: ['--rate-limit-store', redis.uri] });
    hosts.push(host);
    await redis.stop();
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push(await invoke(host.url));
    assert.deepEqual(statuses, [200, 200, 200, 200, 200]);
    await new Promise((r) => setTimeout(r, 100));
    assert.match(host.output(), /rate-limit store error: redis connection/);
  });

  it('an unknown store URI is refused at start', async () => {
    await assert.rejects(startNodeHost({ config: CONFIG, args: ['--rate-limit-store', 'memcached://x'] }),
      /unsupported rate-limit store/);
  });
});
