import "next-auth";
import "next-auth/jwt";

// What Sluice keeps in the session: the user's id and the session version that ends it when bumped.
declare module "next-auth" {
  interface User {
    sessionVersion: number;
  }
  interface Session {
    userId?: string;
    sessionVersion?: number;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    sessionVersion?: number;
  }
}
