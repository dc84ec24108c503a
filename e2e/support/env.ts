export const adminCredentials = {
  email: process.env.ADMIN_EMAIL ?? "admin@sluice.test",
  password: process.env.ADMIN_PASSWORD ?? "test-admin-password",
};

export const mailboxDir = process.env.MAILBOX_DIR ?? "test-results/mailbox";

// Passwords the suite sets through the console: checked never to show up in a page or a log line.
export const passwordsSetInSuite = {
  changedByUser: "a-brand-new-passphrase",
  setByAdmin: "set-by-an-admin-123",
};
