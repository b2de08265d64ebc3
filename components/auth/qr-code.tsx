// A QR code drawn on the server as plain SVG shapes from the `qrcode` package's module
// matrix: no image service, no data: URL, no injected markup. Black on white with the
// standard 4-module quiet zone, whatever the page's colours, so every camera can read it.
import { create } from "qrcode";

const QUIET_ZONE = 4;

export function QrCode({ value, label, size = 224 }: { value: string; label: string; size?: number }) {
  const { modules } = create(value, { errorCorrectionLevel: "M" });
  const n = modules.size;
  let path = "";
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++) {
      if (modules.get(row, col)) path += `M${col + QUIET_ZONE} ${row + QUIET_ZONE}h1v1h-1z`;
    }
  }
  const extent = n + 2 * QUIET_ZONE;
  return (
    <svg role="img" aria-label={label} viewBox={`0 0 ${extent} ${extent}`} width={size} height={size} shapeRendering="crispEdges" data-testid="totp-qr">
      <rect width={extent} height={extent} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
