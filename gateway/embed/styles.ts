// The widget's own styles, inside its shadow root: the host page's rules do not reach in, and these
// do not leak out. What a partner site may change: the custom properties below, and the parts
// (`mitgen-events::part(item) { … }`): container, list, item, title, link, date, place, status,
// register, summary, meta, empty, error, loading.

export const STYLES = `
:host{display:block;font-family:var(--mitgen-font-family,inherit);font-size:var(--mitgen-font-size,1rem);line-height:var(--mitgen-line-height,1.5);color:var(--mitgen-color,inherit)}
:host([hidden]){display:none}
.list{list-style:none;margin:0;padding:0;display:grid;gap:var(--mitgen-gap,1rem)}
.item{padding:var(--mitgen-item-padding,.75rem 1rem);border:var(--mitgen-border,1px solid #c8c8c8);border-radius:var(--mitgen-radius,.5rem);background:var(--mitgen-item-background,transparent)}
.title{margin:0 0 .25rem;font-size:var(--mitgen-title-size,1.125rem);line-height:1.3}
a{color:var(--mitgen-link-color,#6b1a50);text-decoration:underline;text-underline-offset:.15em}
a:hover{text-decoration-thickness:2px}
a:focus-visible{outline:var(--mitgen-focus-outline,3px solid #1a5fb4);outline-offset:2px;border-radius:2px}
.meta,.note{margin:0;color:var(--mitgen-muted-color,#4a4a4a)}
.summary{margin:.25rem 0}
.status{margin:.25rem 0 0;font-weight:600}
.cancelled{color:var(--mitgen-cancelled-color,#a51d2d)}
.register{display:inline-block;margin-top:.5rem;padding:.375rem .75rem;border-radius:var(--mitgen-radius,.5rem);background:var(--mitgen-accent,#6b1a50);color:var(--mitgen-accent-text,#fff);font-weight:600;text-decoration:none}
.register:hover{text-decoration:underline}
`;
