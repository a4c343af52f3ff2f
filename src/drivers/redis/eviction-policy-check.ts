/**
 * @module drivers/redis/eviction-policy-check
 * Warns once per server when Redis may evict keys: with any `maxmemory-policy` but `noeviction`,
 * a full Redis silently drops jobs.
 */
import type { Cluster, Redis } from 'ioredis';

const warned = new Set<string>();

/** Reads `maxmemory_policy` from INFO and warns (once per `server`) unless it is `noeviction`. */
export async function checkEvictionPolicy(
  client: Redis | Cluster,
  server: string,
  warn: (message: string) => void,
): Promise<void> {
  if (warned.has(server)) return;
  let info: string;
  try {
    info = await client.info('memory');
  } catch {
    // INFO may be denied by ACLs or renamed on managed services: nothing to check then.
    return;
  }
  const policy = /maxmemory_policy:(\S+)/.exec(info)?.[1];
  if (policy === undefined || policy === 'noeviction' || warned.has(server)) return;
  warned.add(server);
  warn(
    `conveyor: Redis at ${server} has maxmemory-policy '${policy}': when memory runs out it evicts keys ` +
      `and jobs are lost. Set maxmemory-policy to 'noeviction' (CONFIG SET maxmemory-policy noeviction).`,
  );
}
