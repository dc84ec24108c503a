import bcrypt from "bcryptjs";

// OWASP's floor for bcrypt; each sign-in costs ~250 ms here, which is the point.
export const BCRYPT_COST = 12;

// A hash of nothing in particular, compared against when the e-mail is unknown so both paths take as long.
const DUMMY_HASH = "$2b$12$43luey622ssfdXzUinCwVOPrE1rgDLCffgtaykr8kwPfrRbaci7Bu";

// bcryptjs runs on the event loop that also serves /api/v1: more checks at once only slow every request down.
export const MAX_CONCURRENT_PASSWORD_CHECKS = 4;
let passwordChecksRunning = 0;

/**
 * Reserves one of the process's password-check slots, or returns null when all are taken (the caller answers "try
 * again shortly" rather than queueing bcrypt work without bound). `release` must be called once.
 */
export function takePasswordCheckSlot(): { release(): void } | null {
  if (passwordChecksRunning >= MAX_CONCURRENT_PASSWORD_CHECKS) return null;
  passwordChecksRunning++;
  let released = false;
  return {
    release() {
      if (!released) passwordChecksRunning--;
      released = true;
    },
  };
}

export function hashPassword(plain: string): Promise<string> {
  return bcrypt.hash(plain, BCRYPT_COST);
}

export async function verifyPassword(plain: string, hash: string | null): Promise<boolean> {
  const matches = await bcrypt.compare(plain, hash ?? DUMMY_HASH);
  return hash !== null && matches;
}
