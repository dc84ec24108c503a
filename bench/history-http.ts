// The console's list pages requested over HTTP from the production server with a signed-in session: the whole
// server time of a page (session, layout, its queries, rendering), as the browser waits for it.
const WARM_UP_ROUNDS = 3;

export type PagePath = { page: string; label: string; path: string };
export type TimedPath = PagePath & { medianMs: number; maxMs: number };

/** Signs in through next-auth's credentials endpoint, as the login form does; returns the Cookie header to send. */
async function signIn(base: string, email: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const remember = (response: Response) => {
    for (const setCookie of response.headers.getSetCookie()) {
      const pair = setCookie.split(";")[0] ?? "";
      const at = pair.indexOf("=");
      if (at > 0) jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
  };
  const cookie = () => [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
  const csrf = await fetch(`${base}/api/auth/csrf`);
  remember(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const login = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { cookie: cookie(), "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
    redirect: "manual",
  });
  remember(login);
  if (![...jar.keys()].some((name) => name.endsWith("next-auth.session-token")))
    throw new Error("bench sign-in failed");
  return cookie();
}

/** Each path's time to its last byte, median of `repeats` after a few unmeasured rounds over every path. */
export async function timePaths(
  base: string,
  credentials: { email: string; password: string },
  paths: PagePath[],
  repeats: number,
): Promise<TimedPath[]> {
  const cookie = await signIn(base, credentials.email, credentials.password);
  const get = async (path: string) => {
    const start = performance.now();
    const response = await fetch(`${base}${path}`, { headers: { cookie }, redirect: "manual" });
    await response.text();
    if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
    return performance.now() - start;
  };
  // A freshly started server compiles its rendering paths on first use: every page is requested a few times before
  // any is measured, so the first pages measured do not pay for the rest.
  for (let round = 0; round < WARM_UP_ROUNDS; round++) for (const p of paths) await get(p.path);
  const timed: TimedPath[] = [];
  for (const p of paths) {
    const samples: number[] = [];
    for (let i = 0; i < repeats; i++) samples.push(await get(p.path));
    samples.sort((a, b) => a - b);
    timed.push({ ...p, medianMs: samples[Math.floor(repeats / 2)] ?? 0, maxMs: samples.at(-1) ?? 0 });
    console.log(`GET ${p.path}: ${timed.at(-1)?.medianMs.toFixed(1)} ms`);
  }
  return timed;
}
