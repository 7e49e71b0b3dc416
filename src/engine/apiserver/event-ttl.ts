/**
 * Event expiry. The API server stores every Event with a TTL (kube-apiserver
 * --event-ttl, 1h by default): each write, create or update, attaches the
 * event's key to an etcd lease of that TTL, so an Event disappears one TTL
 * after its last write, and an Event that keeps repeating (count++) stays.
 *
 * Leases come from the API server's lease manager, which reuses its last
 * lease for writes made within min(5% of the TTL, 60 s) of granting it (up
 * to 1000 objects) and grants each lease that much extra time. So an Event
 * goes between 1h and 1h1m after its last write, together with the others
 * written under the same lease.
 *
 * SIM: leases are granted on a fixed grid of that reuse time: every write in
 * [k·R, (k+1)·R) shares one lease, which expires at (k+1)·R + TTL. An Event
 * still goes between 1h and 1h1m after its last write; only which Events go
 * together differs. The lease a write lands on is then a function of the
 * write's time alone, not of every earlier write, so a fast-forward that
 * skips repeating work can place the Events that work keeps repeating
 * exactly (`attach` with a time; see clock/jump.ts). The 1000-object cap
 * only splits a lease without changing its expiry, so it is left out.
 *
 * Behaviour of pkg/registry/core/event/storage NewREST TTLFunc (applied on
 * create and update), staging/src/k8s.io/apiserver/pkg/storage/etcd3/lease_manager.go
 * GetLease, and etcd's lease revocation (v1.32).
 */
import type { TimerHandle, VirtualClock } from '../clock/clock';

/** kube-apiserver --event-ttl default. */
export const DEFAULT_EVENT_TTL_MS = 60 * 60_000;
/** lease_manager.go defaultLeaseReuseDurationSeconds and the 5% share of the TTL. */
const LEASE_REUSE_MAX_MS = 60_000;
const LEASE_REUSE_PERCENT = 0.05;
interface Lease {
  /** The grid cell: writes in [cell·R, (cell+1)·R) share this lease. */
  cell: number;
  expires: number;
  /** Store keys attached to this lease. */
  keys: Set<string>;
  timer: TimerHandle;
}

export class EventLeases {
  private leaseOf = new Map<string, Lease>();
  /** Leases with keys, by grid cell. */
  private cells = new Map<number, Lease>();

  /**
   * `expire` deletes the given store keys (sorted: etcd revokes a lease's
   * keys in key order). Leases expire on background timers: pending expiry
   * does not keep the cluster busy.
   */
  constructor(
    private clock: VirtualClock,
    private ttlMs: number,
    private expire: (keys: string[]) => void,
  ) {}

  /**
   * Attaches `key`, written at `at` (now, or — for a fast-forward that
   * skipped the writes — when the last of them would have been), to that
   * time's lease, moving it off any earlier one.
   */
  attach(key: string, at: number = this.clock.now()): void {
    if (this.ttlMs <= 0) return;
    this.detach(key);
    const lease = this.lease(at);
    lease.keys.add(key);
    this.leaseOf.set(key, lease);
  }

  /** Forgets `key` (deleted by someone). */
  detach(key: string): void {
    const prev = this.leaseOf.get(key);
    if (!prev) return;
    this.leaseOf.delete(key);
    prev.keys.delete(key);
    if (prev.keys.size === 0) {
      prev.timer.cancel();
      this.cells.delete(prev.cell);
    }
  }

  /** Keys with a pending expiry, and leases alive (for stats). */
  get size(): { keys: number; leases: number } {
    return { keys: this.leaseOf.size, leases: new Set(this.leaseOf.values()).size };
  }

  // Behaviour of lease_manager.go GetLease (v1.32), on a grid (see above).
  private lease(at: number): Lease {
    const reuse = Math.max(1, Math.min(LEASE_REUSE_PERCENT * this.ttlMs, LEASE_REUSE_MAX_MS));
    const cell = Math.floor(at / reuse);
    const have = this.cells.get(cell);
    if (have) return have;
    const expires = (cell + 1) * reuse + this.ttlMs;
    const lease: Lease = {
      cell,
      expires,
      keys: new Set(),
      timer: this.clock.after(expires - this.clock.now(), () => this.revoke(lease), 'event-ttl', { background: true }),
    };
    this.cells.set(cell, lease);
    return lease;
  }

  private revoke(lease: Lease): void {
    this.cells.delete(lease.cell);
    const keys = [...lease.keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (const k of keys) this.leaseOf.delete(k);
    lease.keys.clear();
    if (keys.length) this.expire(keys);
  }
}
