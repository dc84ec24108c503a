import { digestOf, hasValidForm } from "./format";
import { requestNoticeCheck } from "./notices-queue";
import { revokeLeakedTokens } from "./repository";

/**
 * SPEC §8 leak reports: revokes every live token among the strings (reason "leaked", audited); the worker's notice
 * check then e-mails each creator once. Strings that are not well-formed tokens cost no database work.
 */
export async function reportLeakedTokens(candidates: readonly string[], ip: string | null): Promise<void> {
  const digests = [...new Set(candidates.filter(hasValidForm).map(digestOf))];
  const revoked = await revokeLeakedTokens(digests, ip);
  // Not awaited: the answer must take as long whether or not a token was live.
  if (revoked.length > 0) void requestNoticeCheck();
}
