/** The widget's styles, inside its shadow root so they neither leak into the site nor take its styles. */
export const styles = `
:host { display: block; font-family: inherit; }
.grw { --accent: #ff6b35; --bg: #ffffff; --text: #1b1b1b; background: var(--bg); color: var(--text);
  border-radius: 14px; padding: 22px 24px; box-shadow: 0 1px 3px rgba(0,0,0,.08), 0 8px 24px rgba(0,0,0,.06);
  font-size: 15px; line-height: 1.45; }
.grw h2 { margin: 0 0 4px; font-size: 22px; }
.grw p { margin: 6px 0; }
.muted { opacity: .72; }
.balance { display: flex; align-items: baseline; gap: 8px; margin: 10px 0 4px; }
.balance b { font-size: 40px; line-height: 1; color: var(--accent); }
.progress { height: 8px; border-radius: 4px; background: rgba(127,127,127,.2); overflow: hidden; margin: 8px 0 4px; }
.progress > span { display: block; height: 100%; background: var(--accent); border-radius: 4px; }
.items { list-style: none; padding: 0; margin: 16px 0 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 12px; }
.item { border: 1px solid rgba(127,127,127,.25); border-radius: 10px; padding: 10px; display: flex; flex-direction: column; gap: 6px; }
.item img { width: 100%; aspect-ratio: 1; object-fit: cover; border-radius: 8px; background: rgba(127,127,127,.1); }
.item .name { font-weight: 600; }
.item .price { font-size: 13px; opacity: .8; }
button { font: inherit; cursor: pointer; border-radius: 8px; padding: 8px 14px; border: 1px solid var(--accent); }
button.primary { background: var(--accent); color: #fff; }
button.secondary { background: transparent; color: var(--text); border-color: rgba(127,127,127,.5); }
button:disabled { opacity: .6; cursor: progress; }
button:focus-visible { outline: 3px solid color-mix(in srgb, var(--accent) 40%, transparent); outline-offset: 2px; }
.confirm, .code-box, .notice { margin-top: 16px; padding: 16px; border-radius: 10px; background: color-mix(in srgb, var(--accent) 10%, var(--bg)); }
.actions { display: flex; gap: 8px; margin-top: 10px; flex-wrap: wrap; }
.code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 34px; letter-spacing: .18em; font-weight: 700; margin: 6px 0; }
.error { color: #b3261e; }
.skeleton { height: 14px; border-radius: 7px; background: rgba(127,127,127,.18); margin: 10px 0; }
`;
