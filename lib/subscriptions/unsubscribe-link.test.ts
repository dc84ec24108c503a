import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { unsubscribeId, unsubscribeUrl, verifyUnsubscribeId } from "./unsubscribe-link";

const subscriptionId = randomUUID();

describe("unsubscribe links", () => {
  it("name the subscription and the address, in lower case", () => {
    expect(verifyUnsubscribeId(unsubscribeId(subscriptionId, "Ada@Example.com"))).toEqual({
      subscriptionId,
      email: "ada@example.com",
    });
    expect(unsubscribeUrl(subscriptionId, "a@example.com")).toMatch(/\/unsubscribe\/[0-9a-f-]{36}\.[\w-]+\.[\w-]{22}$/);
  });

  it("refuse another address or subscription under the same signature", () => {
    const [, , signature] = unsubscribeId(subscriptionId, "ada@example.com").split(".");
    const otherAddress = Buffer.from("eve@example.com").toString("base64url");
    expect(verifyUnsubscribeId(`${subscriptionId}.${otherAddress}.${signature}`)).toBeNull();
    const [, address] = unsubscribeId(subscriptionId, "ada@example.com").split(".");
    expect(verifyUnsubscribeId(`${randomUUID()}.${address}.${signature}`)).toBeNull();
  });

  it.each(["", "x", "a.b.c", `${subscriptionId}..`, `${subscriptionId}.YQ.${"A".repeat(22)}`, "../../etc"])(
    "refuse the malformed or forged id %j",
    (id) => expect(verifyUnsubscribeId(id)).toBeNull(),
  );
});
