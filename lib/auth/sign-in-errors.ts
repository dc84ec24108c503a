// Error codes next-auth hands from `authorize` to the login form; shared so both sides spell them the same.
export const SIGN_IN_BUSY = "SignInBusy";
export const SIGN_IN_THROTTLED = "SignInThrottled";

/** What the login form says for an error code; every other failure gets the one answer that reveals nothing. */
export function signInErrorMessage(code: string | null | undefined): string {
  if (code === SIGN_IN_BUSY) return "Too many sign-ins at this moment; try again shortly.";
  if (code === SIGN_IN_THROTTLED) return "Too many attempts; wait a little and try again.";
  return "Invalid e-mail or password.";
}
