// A webhook channel's signing secret, made by Rytm: Standard Webhooks' whsec_ and 32 random
// bytes in base64 (the adapter signs with the bytes, HMAC-SHA256). Shown once, stored encrypted.
import { randomBytes } from "node:crypto";

export const newWebhookSecret = () => `whsec_${randomBytes(32).toString("base64")}`;
