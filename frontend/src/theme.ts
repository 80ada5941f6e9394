import {
  ActionIcon,
  Badge,
  Button,
  CloseButton,
  createTheme,
  type CloseButtonProps,
  darken,
  DEFAULT_THEME,
  defaultVariantColorsResolver,
  luminance,
  type MantineTheme,
  parseThemeColor,
  rem,
  toRgba,
  type VariantColorsResolver,
} from "@mantine/core";

/** WCAG AA for normal text, with a little room for the browser's rounding. */
const AA = 4.6;
/** The lightest surface a badge or button sits on (cards are white; board columns and table stripes gray-0). */
const SURFACE = DEFAULT_THEME.colors.gray[0];

export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** `color` at `alpha` painted over the opaque `surface`, as the browser blends it. */
function over(color: string, alpha: number, surface: string): string {
  const top = toRgba(color);
  const under = toRgba(surface);
  const mix = (t: number, u: number) => Math.round(t * alpha + u * (1 - alpha));
  return `rgb(${mix(top.r, under.r)}, ${mix(top.g, under.g)}, ${mix(top.b, under.b)})`;
}

/** `color`, darkened in small steps until it reads at AA on `background`. */
function readableOn(color: string, background: string): string {
  for (let step = 0; step <= 20; step += 1) {
    const candidate = step === 0 ? color : darken(color, step * 0.03);
    if (contrastRatio(candidate, background) >= AA) return candidate;
  }
  return "#000";
}

const memo = new Map<string, string>();

function remember(key: string, compute: () => string): string {
  let found = memo.get(key);
  if (found === undefined) {
    found = compute();
    memo.set(key, found);
  }
  return found;
}

/**
 * Contrast-safe colours of one theme colour. Mantine's light variant draws its
 * darkest shade on a 12 % tint (on hover): teal, green, orange and others fall
 * below 4.5:1 there, so their text is darkened until it holds. Its filled hover
 * is a *lighter* shade (8) when the primary shade is 9, e.g. white on cyan-8 at
 * 4.35:1; here the hover darkens instead, and a filled background too light for
 * white text (green, orange, yellow) is darkened first.
 */
export function safeColors(theme: MantineTheme, color: string, shade: number | undefined) {
  const shades = theme.colors[color]!;
  const chosen = shades[shade ?? 9]!;
  const filled = remember(`${color}:filled`, () => readableOn(shades[9]!, theme.white));
  return {
    /** Light and subtle text: the darkest shade, on the chosen shade's hover tint. */
    text: remember(`${color}.${shade}:text`, () => readableOn(shades[9]!, over(chosen, 0.12, SURFACE))),
    /** Outline text and border: the chosen shade, on its 5 % hover tint. */
    outline: remember(`${color}.${shade}:outline`, () => readableOn(chosen, over(chosen, 0.05, SURFACE))),
    filled,
    filledHover: remember(`${color}:filled-hover`, () => darken(filled, 0.12)),
  };
}

const variantColorResolver: VariantColorsResolver = (input) => {
  const defaults = defaultVariantColorsResolver(input);
  const parsed = parseThemeColor({ color: input.color || input.theme.primaryColor, theme: input.theme });
  if (!parsed.isThemeColor) return defaults;
  const explicitShade = input.color?.includes(".") ? parsed.shade : undefined;
  const safe = safeColors(input.theme, parsed.color, explicitShade);
  switch (input.variant) {
    case "light":
    case "subtle":
      return { ...defaults, color: safe.text };
    case "outline":
      return { ...defaults, color: safe.outline, border: `${rem(1)} solid ${safe.outline}` };
    case "filled":
      // Only the default (or darkest) shade: a colour chosen by shade keeps Mantine's own pair.
      if (explicitShade !== undefined && explicitShade !== 9) return defaults;
      return { ...defaults, background: safe.filled, hover: safe.filledHover };
    default:
      return defaults;
  }
};

export const theme = createTheme({
  primaryColor: "cyan",
  primaryShade: { light: 9, dark: 6 },
  defaultRadius: "md",
  variantColorResolver,
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  headings: { fontWeight: "650" },
  components: {
    // Every close "×" (modals, notifications, clearable inputs) gets a name.
    CloseButton: CloseButton.extend({ defaultProps: { "aria-label": "Close" } as Partial<CloseButtonProps> }),
    // With neither color nor variant set, Mantine skips the resolver and paints the CSS
    // default hover (the lighter shade 8); naming the variant routes them through it.
    Button: Button.extend({ defaultProps: { variant: "filled" } }),
    ActionIcon: ActionIcon.extend({ defaultProps: { variant: "filled" } }),
    // A badge is a status or a level: never cut to "IN TREATME…" or "Hi…". It keeps
    // the width of its words in a table cell or a row that runs out of room, and the
    // rest of the row (a name, which wraps) gives way instead.
    Badge: Badge.extend({
      styles: {
        root: { flexShrink: 0, minWidth: "max-content", overflow: "visible" },
        label: { overflow: "visible", textOverflow: "clip" },
      },
    }),
  },
});
