/**
 * @module test/drivers/redis-helpers
 * Helpers for the Redis driver tests: unique prefixes, key cleanup, throwaway servers.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';

/** The shared local server the conformance suite uses (never flushed: tests clean their prefix). */
export const LOCAL_REDIS = 'redis://127.0.0.1:6379/0';

/** A prefix unique to this test run. */
export function uniquePrefix(label = 't'): string {
  return `cvtest-${label}-${randomBytes(4).toString('hex')}`;
}

/** Deletes every key a driver with `prefix` may have written. */
export async function deletePrefix(prefix: string, url = LOCAL_REDIS): Promise<number> {
  const client = new Redis(url, { lazyConnect: true });
  await client.connect();
  let deleted = 0;
  try {
    for (const pattern of [`{${prefix}:*`, `{${prefix}}:*`, `${prefix}:*`]) {
      let cursor = '0';
      do {
        const [next, keys] = await client.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
        cursor = next;
        if (keys.length > 0) deleted += await client.del(...keys);
      } while (cursor !== '0');
    }
  } finally {
    client.disconnect();
  }
  return deleted;
}

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Whether something on `port` answers a RESP PING (any reply, even NOAUTH, counts); for TLS, accepts. */
function answersPing(port: number, tls: boolean): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const done = (up: boolean) => {
      socket.destroy();
      resolve(up);
    };
    socket.setTimeout(500, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => (tls ? done(true) : socket.write('PING\r\n')));
    socket.on('data', () => done(true));
  });
}

/** A throwaway redis-server on a spare port with a temp dir; restartable with other options. */
export class ThrowawayRedis {
  private process: ChildProcess | undefined;
  readonly dir = mkdtempSync(join(tmpdir(), 'cvredis-'));

  private constructor(
    readonly port: number,
    private readonly tls: boolean,
  ) {}

  /** Starts a server on a free port with `args` (e.g. `['--appendonly', 'yes']`). */
  static async start(args: string[] = []): Promise<ThrowawayRedis> {
    const server = new ThrowawayRedis(await freePort(), false);
    try {
      await server.launch(args);
    } catch (error) {
      await server.destroy();
      throw error;
    }
    return server;
  }

  /** Starts a TLS-only server with a fresh CA and server certificate; `ca` is the CA's PEM. */
  static async startTls(): Promise<{ server: ThrowawayRedis; ca: Buffer }> {
    const server = new ThrowawayRedis(await freePort(), true);
    try {
      return { server, ca: await server.launchTls() };
    } catch (error) {
      await server.destroy();
      throw error;
    }
  }

  private async launchTls(): Promise<Buffer> {
    const file = (name: string) => join(this.dir, name);
    const ssl = (...args: string[]) => execFileSync('openssl', args, { cwd: this.dir, stdio: 'ignore' });
    ssl(
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'ca.key',
      '-out',
      'ca.crt',
      '-days',
      '1',
      '-subj',
      '/CN=cv-test-ca',
    );
    ssl(
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'server.key',
      '-out',
      'server.csr',
      '-subj',
      '/CN=localhost',
    );
    writeFileSync(file('san.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
    ssl(
      'x509',
      '-req',
      '-in',
      'server.csr',
      '-CA',
      'ca.crt',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      'server.crt',
      '-days',
      '1',
      '-extfile',
      'san.ext',
    );
    await this.launch([
      '--tls-port',
      String(this.port),
      '--tls-cert-file',
      file('server.crt'),
      '--tls-key-file',
      file('server.key'),
      '--tls-ca-cert-file',
      file('ca.crt'),
      '--tls-auth-clients',
      'no',
    ]);
    return readFileSync(file('ca.crt'));
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}/0`;
  }

  /** Starts the server process and waits until it answers PING. */
  async launch(args: string[] = []): Promise<void> {
    const port = this.tls ? ['--port', '0'] : ['--port', String(this.port)];
    const child = spawn(
      'redis-server',
      [...port, '--bind', '127.0.0.1', '--dir', this.dir, '--save', '', ...args],
      {
        stdio: 'ignore',
      },
    );
    this.process = child;
    const deadline = Date.now() + 5_000;
    while (!(await answersPing(this.port, this.tls))) {
      if (Date.now() > deadline) throw new Error(`redis-server on ${this.port} did not start`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Stops the server: SIGKILL (a crash) or SHUTDOWN NOSAVE-like SIGTERM. */
  async stop(signal: 'SIGKILL' | 'SIGTERM' = 'SIGKILL'): Promise<void> {
    const child = this.process;
    this.process = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  }

  /** Stops the server and removes its directory. */
  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
