import bcrypt from "bcryptjs";

// OWASP's floor for bcrypt; each sign-in costs ~250 ms here, which is the point.
export const BCRYPT_COST = 12;

// A hash of nothing in particular, compared against when the e-mail is unknown so both paths take as long.
const DUMMY_HASH = "$2b$12$43luey622ssfdXzUinCwVOPrE1rgDLCffgtaykr8kwPfrRbaci7Bu";

export function hashPassword(plain: string): Promise<string> {
  return bcrypt.hash(plain, BCRYPT_COST);
}

export async function verifyPassword(plain: string, hash: string | null): Promise<boolean> {
  const matches = await bcrypt.compare(plain, hash ?? DUMMY_HASH);
  return hash !== null && matches;
}
