import QRCode from "qrcode";
import { useMemo } from "react";

/**
 * A QR code drawn as one SVG path from the `qrcode` library's module matrix: no image URL
 * and no injected markup, so it works under a strict Content-Security-Policy.
 */
export function QrCode({ value, size = 192, label }: { value: string; size?: number; label: string }) {
  const { path, count } = useMemo(() => {
    const modules = QRCode.create(value, { errorCorrectionLevel: "M" }).modules;
    const parts: string[] = [];
    for (let row = 0; row < modules.size; row++) {
      for (let col = 0; col < modules.size; col++) {
        if (modules.get(row, col)) parts.push(`M${col + 4} ${row + 4}h1v1h-1z`);
      }
    }
    return { path: parts.join(""), count: modules.size + 8 };
  }, [value]);
  return (
    <svg
      role="img"
      aria-label={label}
      width={size}
      height={size}
      viewBox={`0 0 ${count} ${count}`}
      shapeRendering="crispEdges"
      style={{ background: "#fff" }}
    >
      <path d={path} fill="#000" />
    </svg>
  );
}
