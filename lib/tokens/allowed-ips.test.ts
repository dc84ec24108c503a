import { describe, expect, it } from "vitest";
import { ipAllowed, normalizeRange, parseAllowedIps } from "./allowed-ips";

describe("parseAllowedIps", () => {
  it("turns addresses and CIDRs of both families into CIDRs, one per line", () => {
    expect(parseAllowedIps("10.0.0.0/8\n\n 192.168.1.7 \r\n2001:db8::/32\n::1")).toEqual({
      cidrs: ["10.0.0.0/8", "192.168.1.7/32", "2001:db8::/32", "::1/128"],
      invalid: [],
    });
  });

  it.each(["10.0.0.0/33", "300.1.1.1", "10.0.0.0/", "2001:db8::/129", "example.com", "10.0.0.1/8/8"])(
    "names %s as invalid",
    (line) => {
      expect(normalizeRange(line)).toBeNull();
      expect(parseAllowedIps(`127.0.0.1\n${line}`).invalid).toEqual([line]);
    },
  );
});

describe("ipAllowed", () => {
  it("lets anything through when the list is empty", () => {
    expect(ipAllowed("203.0.113.9", [])).toBe(true);
    expect(ipAllowed(null, [])).toBe(true);
  });

  it("matches IPv4, IPv6 and IPv4-mapped IPv6 clients against ranges of their family", () => {
    const ranges = ["10.0.0.0/8", "2001:db8::/32"];
    expect(ipAllowed("10.1.2.3", ranges)).toBe(true);
    expect(ipAllowed("::ffff:10.1.2.3", ranges)).toBe(true);
    expect(ipAllowed("2001:db8:1::5", ranges)).toBe(true);
    expect(ipAllowed("11.0.0.1", ranges)).toBe(false);
    expect(ipAllowed("2001:db9::1", ranges)).toBe(false);
  });

  it("refuses an unknown or malformed client address when ranges are set", () => {
    expect(ipAllowed(null, ["0.0.0.0/0"])).toBe(false);
    expect(ipAllowed("not-an-ip", ["0.0.0.0/0"])).toBe(false);
  });
});
