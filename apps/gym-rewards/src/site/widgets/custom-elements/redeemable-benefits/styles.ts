/** The widget's look, inside its shadow root so it neither leaks into the site nor takes its styles. */
export const styles = `
:host { display: block; font-family: inherit; }
.grw { background: var(--bg); color: var(--text); border-radius: 14px; padding: 22px 24px;
  box-shadow: 0 1px 3px rgba(0,0,0,.08), 0 8px 24px rgba(0,0,0,.06); font-size: 15px; line-height: 1.45; }
.grw h2 { margin: 0 0 4px; font-size: 22px; }
.grw h3 { margin: 20px 0 6px; font-size: 17px; }
.grw h4 { margin: 0; font-size: 15px; display: flex; justify-content: space-between; gap: 8px; flex-wrap: wrap; }
.grw p { margin: 6px 0; }
.muted { opacity: .75; }
.balance { display: flex; align-items: baseline; gap: 8px; margin: 10px 0 4px; }
.balance b { font-size: 40px; line-height: 1; color: var(--accent-text); }
.progress { height: 8px; border-radius: 4px; background: rgba(127,127,127,.2); overflow: hidden; margin: 8px 0 4px; }
.progress > span { display: block; height: 100%; background: var(--accent); border-radius: 4px; }
.outlook { margin-top: 12px; padding: 10px 14px; border-left: 4px solid var(--accent); background: color-mix(in srgb, var(--accent) 7%, var(--bg)); border-radius: 6px; }
.outlook .warn { font-weight: 600; }
.tier { border-top: 1px solid rgba(127,127,127,.25); padding: 12px 0 4px; }
.tier .state { font-size: 13px; font-weight: 600; }
.items { list-style: none; padding: 0; margin: 10px 0 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 12px; }
.item { border: 1px solid rgba(127,127,127,.25); border-radius: 10px; padding: 10px; display: flex; flex-direction: column; gap: 6px; }
.item.locked { border-style: dashed; }
.item.open { grid-column: 1 / -1; }
.item img { width: 100%; max-width: 160px; aspect-ratio: 1; object-fit: cover; border-radius: 8px; background: rgba(127,127,127,.1); }
.item.locked img { filter: grayscale(1); }
.item .name { font-weight: 600; }
.pickups { list-style: none; padding: 0; margin: 6px 0; display: grid; gap: 8px; }
.pickups li { display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 12px; padding: 8px 12px; border-radius: 8px; background: color-mix(in srgb, var(--accent) 8%, var(--bg)); }
.pickups .code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-weight: 700; letter-spacing: .12em; }
.history li { background: transparent; border: 1px solid rgba(127,127,127,.25); }
button { font: inherit; cursor: pointer; border-radius: 8px; padding: 8px 14px; border: 1px solid var(--accent); min-height: 40px; }
button.primary { background: var(--accent); color: var(--on-accent); }
button.secondary { background: transparent; color: var(--text); border-color: rgba(127,127,127,.6); }
button:disabled { opacity: .6; cursor: progress; }
button:focus-visible, [tabindex="-1"]:focus-visible { outline: 3px solid var(--text); outline-offset: 2px; }
.confirm, .code-box, .notice { margin-top: 8px; padding: 12px; border-radius: 10px; background: color-mix(in srgb, var(--accent) 10%, var(--bg)); }
fieldset.confirm { border: 0; margin: 8px 0 0; min-width: 0; }
fieldset.confirm legend { padding: 0; margin-bottom: 4px; }
.actions { display: flex; gap: 8px; margin-top: 10px; flex-wrap: wrap; }
.code-box .code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 30px; letter-spacing: .18em; font-weight: 700; margin: 6px 0; }
.error { color: #b3261e; }
.skeleton { height: 14px; border-radius: 7px; background: rgba(127,127,127,.18); margin: 10px 0; }
@media (max-width: 480px) { .grw { padding: 16px; } .items { grid-template-columns: 1fr 1fr; } }
`;
