// A network's icon from its module: its letter or sign on its colour. Decorative — the
// network's name always stands beside it as text — so screen readers skip it.
import type { CSSProperties } from "react";
import { type NetworkKind, networkModules } from "~/channels/networks";

export function NetworkIcon({ network }: { network: NetworkKind }) {
  const { icon } = networkModules[network];
  return (
    <span className="network-icon" style={{ "--network-color": icon.color } as CSSProperties} aria-hidden="true">
      {icon.glyph}
    </span>
  );
}

/** The icon and the network's name, as a list or a table names a network. */
export function NetworkLabel({ network }: { network: NetworkKind }) {
  return (
    <span className="network-label">
      <NetworkIcon network={network} />
      {networkModules[network].name}
    </span>
  );
}
