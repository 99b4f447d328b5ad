import { describe, expect, it } from "vitest";
import { open, seal } from "./secret-box.server";

describe("secret box", () => {
  it("seals with AES-256-GCM: a fresh IV each time, opens only unchanged and in its own context", () => {
    const sealed = seal("client-secret-1", "oidc-client-secret:1");
    expect(sealed).toMatch(/^v1\.[\w-]{16}\.[\w-]+\.[\w-]{22}$/);
    expect(sealed).not.toContain("client-secret-1");
    expect(seal("client-secret-1", "oidc-client-secret:1")).not.toBe(sealed);
    expect(open(sealed, "oidc-client-secret:1")).toBe("client-secret-1");
    // Moved to another organisation's row, it does not open.
    expect(open(sealed, "oidc-client-secret:2")).toBeNull();
    const [version, iv, body, tag] = sealed.split(".");
    const flipped = Buffer.from(body, "base64url");
    flipped[0] ^= 1;
    expect(open([version, iv, flipped.toString("base64url"), tag].join("."), "oidc-client-secret:1")).toBeNull();
    expect(open("not sealed", "oidc-client-secret:1")).toBeNull();
  });
});
