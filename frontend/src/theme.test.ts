import { DEFAULT_THEME, mergeMantineTheme, type VariantColorResolverResult } from "@mantine/core";
import { describe, expect, it } from "vitest";
import { contrastRatio, safeColors, theme } from "./theme";

const full = mergeMantineTheme(DEFAULT_THEME, theme);
const resolve = (color: string, variant: string): VariantColorResolverResult => full.variantColorResolver({ color, theme: full, variant });

/** A tint as the browser paints it: `color` at `alpha` over `surface` (hex or rgb). */
function tint(color: string, alpha: number, surface = "#f8f9fa"): string {
  const rgb = (c: string) =>
    c.startsWith("#") ? [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16)) : (c.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number);
  const [t, u] = [rgb(color), rgb(surface)];
  return `rgb(${t.map((v, i) => Math.round(v * alpha + u[i]! * (1 - alpha))).join(", ")})`;
}

describe("theme contrast (WCAG AA 4.5:1)", () => {
  const colors = Object.keys(DEFAULT_THEME.colors);

  it.each(colors)("%s: light badge text holds on its hovered tint", (color) => {
    const text = resolve(color, "light").color;
    expect(contrastRatio(text, tint(full.colors[color]![9]!, 0.12))).toBeGreaterThanOrEqual(4.5);
  });

  it.each(colors)("%s: white text holds on a filled button, and hover darkens it", (color) => {
    const filled = resolve(color, "filled");
    expect(contrastRatio("#fff", filled.background)).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio("#fff", filled.hover)).toBeGreaterThan(contrastRatio("#fff", filled.background));
  });

  it.each(colors)("%s: outline text holds on its hovered tint", (color) => {
    const outline = resolve(color, "outline");
    expect(contrastRatio(outline.color, tint(full.colors[color]![9]!, 0.05))).toBeGreaterThanOrEqual(4.5);
  });

  it("keeps an outline's chosen shade when it already reads well", () => {
    expect(resolve("gray.7", "outline").color).toBe(DEFAULT_THEME.colors.gray[7]);
  });

  it("leaves the primary color's resting look alone: cyan-9, and teal-9 where it already passes on white", () => {
    expect(resolve("cyan", "filled").background).toBe(DEFAULT_THEME.colors.cyan[9]);
    expect(safeColors(full, "teal", undefined).filled).toBe(DEFAULT_THEME.colors.teal[9]);
  });

  it("darkens teal and green light text, which Mantine's shade 9 leaves below AA", () => {
    for (const color of ["teal", "green"]) {
      const shade9 = DEFAULT_THEME.colors[color]![9]!;
      expect(contrastRatio(shade9, tint(shade9, 0.12))).toBeLessThan(4.5);
      expect(resolve(color, "light").color).not.toBe(`var(--mantine-color-${color}-9)`);
    }
  });

  it("keeps an explicitly chosen filled shade other than 9 as Mantine draws it", () => {
    expect(resolve("teal.6", "filled").background).toBe("var(--mantine-color-teal-6)");
  });
});
