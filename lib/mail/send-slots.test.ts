import { describe, expect, it } from "vitest";
import { SendSlots } from "./send-slots";

describe("SendSlots", () => {
  it("lets `size` holders in and hands each freed slot to the longest waiter", async () => {
    const slots = new SendSlots(2);
    const first = await slots.acquire();
    const second = await slots.acquire();
    const order: string[] = [];
    const third = slots.acquire().then((release) => (order.push("third"), release));
    const fourth = slots.acquire().then((release) => (order.push("fourth"), release));
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual([]);

    second();
    second(); // a second release of the same slot gives nothing away
    const releaseThird = await third;
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual(["third"]);

    first();
    (await fourth)();
    releaseThird();
    expect(order).toEqual(["third", "fourth"]);
    // Both slots are free again: two acquire at once.
    await Promise.all([slots.acquire(), slots.acquire()]);
  });
});
