import { el, MitgenList, type Loaded } from './element';
import { languageName, TEXT, type Lang } from './format';
import { query } from './graph';
import OPERATIONS from '../src/partner-sites/widget-operations.json';


const KINDS = ['COUNSELLING', 'COURSE', 'HOTLINE', 'PUBLICATION', 'FUNDING_PROGRAMME', 'MATERIAL', 'PROJECT', 'INFORMATION'];

interface ResourceNode {
  id: string;
  title: string;
  summary: string;
  url: string | null;
  format: string | null;
  languages: string[];
  freeOfCharge: boolean;
  cost: string | null;
  provider: { name: string } | null;
}

/**
 * `<mitgen-resources partner="…" topic="…" region="…" language="ar" kind="COUNSELLING" limit="5">`:
 * current offers of the resource pool, with provider, format, languages and costs.
 */
export class MitgenResources extends MitgenList {
  static get observedAttributes(): string[] {
    return [...MitgenList.common, 'language', 'kind'];
  }

  protected emptyText = (lang: Lang) => TEXT[lang].noResources;
  protected errorText = (lang: Lang) => TEXT[lang].errorResources;
  protected label = (lang: Lang) => TEXT[lang].resources;

  protected async load(lang: Lang): Promise<Loaded> {
    const language = this.getAttribute('language')?.trim().toLowerCase();
    if (language && !/^[a-z]{2}$/.test(language)) return { invalid: `language="${language}" is not a two-letter language code` };
    const kind = this.getAttribute('kind')?.trim().toUpperCase();
    if (kind && !KINDS.includes(kind)) return { invalid: `kind="${this.getAttribute('kind')}" is not a kind of resource` };
    const checked = await this.checkAttributes();
    if ('invalid' in checked) return checked;
    const filter: Record<string, unknown> = { currentOnly: true };
    if (this.getAttribute('topic')) filter.topic = this.getAttribute('topic')!.trim();
    if (this.getAttribute('region')) filter.region = this.getAttribute('region')!.trim();
    if (checked.partnerId) filter.provider = checked.partnerId;
    if (language) filter.language = language;
    if (kind) filter.kind = kind;
    const data = await query<{ resources: { nodes: ResourceNode[] } }>(this.endpoint, OPERATIONS.resources, { first: this.limit, filter });
    return { items: data.resources.nodes.map((r) => this.item(lang, r)) };
  }

  private item(lang: Lang, r: ResourceNode): HTMLElement {
    const t = TEXT[lang];
    const link = r.url ? el('a', 'link', [r.title], '') : null;
    if (link) link.href = r.url!;
    const parts: HTMLElement[] = [el(this.headingTag, 'title', [link ?? r.title])];
    if (r.summary) parts.push(el('p', 'summary', [r.summary]));
    const facts = [
      r.provider ? `${t.by}: ${r.provider.name}` : '',
      r.format ? t.formats[r.format] ?? '' : '',
      r.languages.length ? `${t.languages}: ${r.languages.map((c) => languageName(lang, c)).join(', ')}` : '',
      r.freeOfCharge ? t.free : (r.cost ?? ''),
    ].filter(Boolean);
    if (facts.length) parts.push(el('p', 'meta', [facts.join(' · ')], 'meta'));
    return el('article', null, parts);
  }
}
