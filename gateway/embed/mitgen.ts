// The MitGeN widget for partner sites: one script, no dependencies, no cookies, no other hosts.
//   <script src="https://<gateway>/embed/mitgen.js" defer></script>
//   <mitgen-events partner="g-mit-niedersachsen" limit="5"></mitgen-events>
//   <mitgen-resources topic="gewaltschutz" region="03404"></mitgen-resources>
// Built by scripts/build-embed.mjs (esbuild) into dist/embed/mitgen.js; docs/partner-sites.md.
import { MitgenEvents } from './events';
import { MitgenResources } from './resources';

for (const [name, element] of [
  ['mitgen-events', MitgenEvents],
  ['mitgen-resources', MitgenResources],
] as const) {
  // A page that includes the script twice keeps the first definition.
  if (!customElements.get(name)) customElements.define(name, element);
}
