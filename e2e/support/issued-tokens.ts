import { appendFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname } from "node:path";

// Every plaintext token the suite sees is listed here, so the leak check can look for each one afterwards.
const ISSUED_TOKENS_FILE = "test-results/issued-tokens.txt";

export function rememberIssuedToken(token: string): void {
  mkdirSync(dirname(ISSUED_TOKENS_FILE), { recursive: true });
  appendFileSync(ISSUED_TOKENS_FILE, `${token}\n`);
}

export function issuedTokens(): string[] {
  return existsSync(ISSUED_TOKENS_FILE) ? readFileSync(ISSUED_TOKENS_FILE, "utf8").split("\n").filter(Boolean) : [];
}
