/** WCAG 2 contrast, so the widget's colours stay readable whatever the owner picks in the editor. */

/** The relative luminance of a `#rgb` or `#rrggbb` colour; null for anything else (a name, `rgb()`, a variable). */
export function luminance(colour: string): number | null {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(colour.trim())?.[1];
  if (!hex) return null;
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = Number.parseInt(full.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The contrast ratio of two colours (1 to 21); null when either is not a hex colour. */
export function contrast(a: string, b: string): number | null {
  const la = luminance(a);
  const lb = luminance(b);
  if (la === null || lb === null) return null;
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** White or near-black, whichever reads better on `background` (white when the colour is not a hex colour). */
export function textOn(background: string): string {
  const onWhite = contrast(background, '#ffffff') ?? 21;
  const onDark = contrast(background, '#1b1b1b') ?? 0;
  return onWhite >= onDark ? '#ffffff' : '#1b1b1b';
}

/** `preferred` when it reads at 4.5:1 or better on `background`, else `fallback`. */
export function readable(preferred: string, background: string, fallback: string): string {
  return (contrast(preferred, background) ?? 21) >= 4.5 ? preferred : fallback;
}
