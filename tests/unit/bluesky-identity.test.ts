// What a person types as a Bluesky account, and when a session's access JWT expires.
import { describe, expect, it } from "vitest";
import { parseIdentifier } from "~/channels/bluesky/identity.server";
import { jwtExpiry, sessionCredentials } from "~/channels/bluesky/session.server";

describe("a typed Bluesky identifier", () => {
  it("is a handle, lower-cased and without its @, or a DID", () => {
    expect(parseIdentifier(" @Anna.BSKY.social ")).toEqual({ handle: "anna.bsky.social" });
    expect(parseIdentifier("news.example.pl")).toEqual({ handle: "news.example.pl" });
    expect(parseIdentifier("did:plc:ewvi7nxzyoun6zhxrhs64oiz")).toEqual({ did: "did:plc:ewvi7nxzyoun6zhxrhs64oiz" });
    expect(parseIdentifier("did:web:example.com")).toEqual({ did: "did:web:example.com" });
  });

  it("refuses what is neither: no dot, spaces, an e-mail address, a URL, another DID method", () => {
    for (const typed of ["anna", "anna bsky.social", "anna@example.com", "https://bsky.app/profile/anna.bsky.social", "did:key:z6Mk", "-anna.bsky.social", "anna.bsky.123"]) {
      expect(parseIdentifier(typed), typed).toBeNull();
    }
  });
});

describe("a session's expiry", () => {
  const jwt = (payload: unknown) => `e30.${Buffer.from(JSON.stringify(payload)).toString("base64url")}.c2ln`;

  it("is read from the access JWT's exp, and absent when the JWT does not say", () => {
    expect(jwtExpiry(jwt({ exp: 1_800_000_000 }))).toBe("2027-01-15T08:00:00.000Z");
    expect(jwtExpiry(jwt({ sub: "did:plc:x" }))).toBeNull();
    expect(jwtExpiry("not-a-jwt")).toBeNull();
    expect(jwtExpiry("a.!!!.c")).toBeNull();
  });

  it("is stored with the pair, the DID and the handle, marked as signed in by app password", () => {
    const session = { accessJwt: jwt({ exp: 1_800_000_000 }), refreshJwt: "r", did: "did:plc:x", handle: "anna.bsky.social" };
    expect(sessionCredentials(session)).toEqual({ token: session.accessJwt, refreshToken: "r", expiresAt: "2027-01-15T08:00:00.000Z", did: "did:plc:x", handle: "anna.bsky.social", via: "app-password" });
  });
});
