import { CloseButton, createTheme, type CloseButtonProps, defaultVariantColorsResolver, parseThemeColor, type VariantColorsResolver } from "@mantine/core";

/**
 * Mantine's "light" variant draws text in shade 6, which is below 4.5:1 on its
 * tinted background for most colours. Use the darkest shade for the text.
 */
const variantColorResolver: VariantColorsResolver = (input) => {
  const defaults = defaultVariantColorsResolver(input);
  if (input.variant !== "light") return defaults;
  const parsed = parseThemeColor({ color: input.color || input.theme.primaryColor, theme: input.theme });
  if (!parsed.isThemeColor) return defaults;
  return { ...defaults, color: `var(--mantine-color-${parsed.color}-9)` };
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
  },
});
