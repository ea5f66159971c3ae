// Signing a Bluesky account in: handle (or DID) → DID → its PDS → a session made with an app
// password. What becomes the channel: its name, the PDS as its `service`, the session.
import { IdentityError, parseIdentifier, pdsOf, resolveHandle } from "./identity.server";
import { SessionError, createSession, sessionCredentials } from "./session.server";

export type SignInFailure = "identifier" | "identity" | SessionError["reason"];

export class BlueskySignInError extends Error {
  constructor(
    readonly reason: SignInFailure,
    message: string,
  ) {
    super(message);
  }
}

export async function signInToBluesky(typed: string, password: string) {
  const identifier = parseIdentifier(typed);
  if (!identifier) throw new BlueskySignInError("identifier", "Enter the handle as name.bsky.social (or your own domain), or the DID.");
  try {
    const did = "did" in identifier ? identifier.did : await resolveHandle(identifier.handle);
    const { pds } = await pdsOf(did);
    const session = await createSession(pds, did, password);
    if (session.did !== did) throw new BlueskySignInError("identity", `The PDS signed in ${session.did}, not ${did}.`);
    return { name: `@${session.handle}`, settings: { service: pds }, credentials: sessionCredentials(session) };
  } catch (error) {
    if (error instanceof IdentityError) throw new BlueskySignInError(error.unreachable ? "unreachable" : "identity", error.message);
    if (error instanceof SessionError) throw new BlueskySignInError(error.reason, error.message);
    throw error;
  }
}
