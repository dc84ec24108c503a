export const adminCredentials = {
  email: process.env.ADMIN_EMAIL ?? "admin@sluice.test",
  password: process.env.ADMIN_PASSWORD ?? "test-admin-password",
};

export const mailboxDir = process.env.MAILBOX_DIR ?? "test-results/mailbox";
