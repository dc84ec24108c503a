import { describe, expect, it } from "vitest";
import { isPublicAddress, parseWebhookUrl, resolveDestination, WebhookDestinationError } from "./destination";

describe("webhook destinations", () => {
  it.each([
    ["127.0.0.1", false],
    ["10.1.2.3", false],
    ["172.16.0.1", false],
    ["192.168.1.10", false],
    ["169.254.169.254", false],
    ["100.64.0.1", false],
    ["0.0.0.0", false],
    ["::1", false],
    ["fe80::1", false],
    ["fd00:ec2::254", false],
    ["::ffff:127.0.0.1", false],
    ["::ffff:10.0.0.1", false],
    ["224.0.0.1", false],
    ["not an address", false],
    ["93.184.215.14", true],
    ["2606:2800:21f:cb07:6820:80da:af6b:8b2c", true],
    ["::ffff:93.184.215.14", true],
  ])("%s is public: %s", (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });

  it("accepts only https:// unless private destinations are allowed", () => {
    expect(() => parseWebhookUrl("http://example.com/hook", false)).toThrow("https://");
    expect(parseWebhookUrl("http://example.com/hook", true).protocol).toBe("http:");
    expect(() => parseWebhookUrl("ftp://example.com/", true)).toThrow(WebhookDestinationError);
    expect(() => parseWebhookUrl("example.com", false)).toThrow("full URL");
    expect(() => parseWebhookUrl("https://user:pw@example.com/", false)).toThrow("password");
  });

  it.each(["https://127.0.0.1/hook", "https://localhost/hook", "https://[::1]/hook", "https://169.254.169.254/latest"])(
    "refuses %s",
    async (url) => {
      await expect(resolveDestination(url, false)).rejects.toThrow(/loopback, private, link-local/);
    },
  );

  it("resolves a loopback receiver when private destinations are allowed", async () => {
    const destination = await resolveDestination("http://127.0.0.1:9/hook", true);
    expect(destination).toMatchObject({ address: "127.0.0.1", family: 4 });
  });
});
