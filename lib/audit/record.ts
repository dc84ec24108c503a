import { db, type Db, type Tx } from "../db/client";
import { auditEvents } from "../db/schema";
import { log } from "../log";

/** Who did something: a console user, an API token or the scheduler, and from where. */
export type Actor = { userId: string | null; tokenId: string | null; label: string | null; ip: string | null };

export type AuditInput = {
  action: string;
  actorUserId?: string | null;
  actorTokenId?: string | null;
  actorLabel?: string | null;
  targetType?: string;
  targetId?: string;
  ip?: string | null;
  details?: Record<string, unknown>;
};

/** The actor columns of an audit row. */
export function actorColumns(actor: Actor) {
  return { actorUserId: actor.userId, actorTokenId: actor.tokenId, actorLabel: actor.label, ip: actor.ip };
}

/** A console user acting from an address. */
export function userActor(user: { id: string; email: string }, ip: string | null): Actor {
  return { userId: user.id, tokenId: null, label: user.email, ip };
}

/** Work done by Sluice itself (the seed, the scheduler, test fixtures): no person or token behind it. */
export function systemActor(label: string): Actor {
  return { userId: null, tokenId: null, label, ip: null };
}

/**
 * Writes one audit row with the caller's executor. Inside a domain transaction, so the change and its row commit
 * or fail together: this is how every mutation is audited.
 */
export async function writeAudit(executor: Db | Tx, event: AuditInput): Promise<void> {
  await executor.insert(auditEvents).values({ ...event, details: event.details ?? {} });
}

/**
 * Audits an event that changes nothing else (a sign-in, a refused request). A failure is logged, never turned into
 * a failed request.
 */
export async function recordAudit(event: AuditInput): Promise<void> {
  try {
    await writeAudit(db, event);
  } catch (error) {
    log.error({ err: error, action: event.action }, "audit write failed");
  }
}
