// The response's Content-Security-Policy nonce for inline scripts, handed from the server
// (app/entry.server.tsx) to the document (app/root.tsx). In the browser it is undefined:
// browsers hide a nonce from the page once it is parsed, and nothing needs it after.
import { createContext, useContext } from "react";

export const NonceContext = createContext<string | undefined>(undefined);

export const useNonce = () => useContext(NonceContext);
