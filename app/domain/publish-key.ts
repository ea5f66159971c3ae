// The key a variant is published under, fixed when it is scheduled and kept across
// retries: the network's idempotency key, or (Bluesky) the record key itself. Each
// network's module says which style it takes.
import { type NetworkKind, networkModules } from "../channels/networks";

const TID_ALPHABET = "234567abcdefghijklmnopqrstuvwxyz";

/** An AT Protocol TID: 53 bits of microseconds since the epoch and 10 bits of clock id, base32-sortable. */
export function tid(microseconds: bigint, clockId: number): string {
  let value = (microseconds << 10n) | BigInt(clockId & 0x3ff);
  let out = "";
  for (let i = 0; i < 13; i++) {
    out = TID_ALPHABET[Number(value & 31n)] + out;
    value >>= 5n;
  }
  return out;
}

export function newPublishKey(network: NetworkKind, variantId: string, version: number, now = Date.now(), random = Math.random): string {
  switch (networkModules[network].publishKey) {
    case "at-protocol-tid":
      return tid(BigInt(now) * 1000n + BigInt(Math.floor(random() * 1000)), Math.floor(random() * 1024));
    case "variant-version":
      return `rytm_${variantId}_${version}`;
  }
}
