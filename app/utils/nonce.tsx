import { createContext, useContext } from "react";

/** The per-request CSP nonce, provided on the server only (browsers hide nonces from the DOM). */
export const NonceContext = createContext("");
export const useNonce = () => useContext(NonceContext);
