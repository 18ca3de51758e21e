// Who holds an outbox claim, and whether that holder is known dead.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

/**
 * Claim owners read "host:pid:process:sender". A restarted bot would otherwise leave the claims of the process it
 * replaces (killed, crashed, power cut) untouched until they expire (lockMs, a minute), and every later message to
 * those people waits behind them. A claim is known dead when it was made on this host by a process that no longer
 * runs, or by an earlier process with this same pid (a container's pid 1).
 */
const HOST = hostname().replace(/:/g, '_');
const THIS_PROCESS = randomUUID().slice(0, 8);

export function ownerIsDead(owner: string): boolean {
  const [host, pidText, processTag] = owner.split(':');
  const pid = Number(pidText);
  if (host !== HOST || !Number.isInteger(pid) || pid <= 0) return false; // another host, or the older format: let it expire
  if (pid === process.pid) return processTag !== THIS_PROCESS;
  try {
    process.kill(pid, 0); // signal 0 only asks whether the process exists
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** A new sender's claim owner name: "host:pid:process:sender". */
export function newClaimOwner(): string {
  return `${HOST}:${process.pid}:${THIS_PROCESS}:${randomUUID().slice(0, 8)}`;
}
