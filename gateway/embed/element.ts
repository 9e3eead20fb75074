import { langOf, TEXT, type Lang } from './format';
import { DEFAULT_ENDPOINT, query } from './graph';
import { STYLES } from './styles';
import OPERATIONS from '../src/partner-sites/widget-operations.json';

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const REGION = /^\d{5}$/;

/** What a list loads: items to show, nothing, or nothing because an attribute names nothing known. */
export type Loaded = { items: HTMLElement[]; jsonLd?: unknown } | { invalid: string };

/** Creates an element with classes, a part name and children. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, part: string | null, children: Array<Node | string> = [], className = part ?? ''): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (part) e.setAttribute('part', part);
  if (className) e.className = className;
  e.append(...children);
  return e;
}

/**
 * The shared part of `<mitgen-events>` and `<mitgen-resources>`: a shadow root with the styles,
 * loading / list / empty / error states, attribute checks, and one load at a time (an answer to
 * an older set of attributes is dropped). Nothing here throws into the host page.
 */
export abstract class MitgenList extends HTMLElement {
  static readonly common = ['partner', 'topic', 'region', 'limit', 'lang', 'api', 'heading-level'];
  private readonly view: HTMLElement;
  private run = 0;
  private pending = false;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = STYLES;
    this.view = el('div', 'container');
    root.append(style, this.view);
  }

  connectedCallback(): void {
    this.schedule();
  }

  attributeChangedCallback(): void {
    if (this.isConnected) this.schedule();
  }

  protected get uiLang(): Lang {
    return langOf(this.getAttribute('lang') ?? this.closest('[lang]')?.getAttribute('lang') ?? null);
  }

  protected get endpoint(): string {
    return this.getAttribute('api') || DEFAULT_ENDPOINT;
  }

  protected get limit(): number {
    const n = Number(this.getAttribute('limit') ?? 5);
    return Number.isInteger(n) ? Math.min(Math.max(n, 1), 20) : 5;
  }

  /** `h2`–`h6` for the titles, so that they fit the host page's outline (default `h3`). */
  protected get headingTag(): 'h2' | 'h3' | 'h4' | 'h5' | 'h6' {
    const n = Number(this.getAttribute('heading-level') ?? 3);
    return (n >= 2 && n <= 6 ? `h${n}` : 'h3') as 'h2' | 'h3' | 'h4' | 'h5' | 'h6';
  }

  protected abstract load(lang: Lang): Promise<Loaded>;
  protected abstract emptyText(lang: Lang): string;
  protected abstract errorText(lang: Lang): string;
  protected abstract label(lang: Lang): string;

  /**
   * Checks `partner`, `topic` and `region` (form, then existence in the graph, in one request);
   * returns the partner's id, or a message naming what is unknown.
   */
  protected async checkAttributes(): Promise<{ partnerId?: string } | { invalid: string }> {
    const partner = this.getAttribute('partner')?.trim();
    const topic = this.getAttribute('topic')?.trim();
    const region = this.getAttribute('region')?.trim();
    if (partner && !SLUG.test(partner)) return { invalid: `partner="${partner}" is not a partner slug` };
    if (topic && !SLUG.test(topic)) return { invalid: `topic="${topic}" is not a topic slug` };
    if (region && !REGION.test(region)) return { invalid: `region="${region}" is not a five-digit region key` };
    if (!partner && !topic && !region) return {};
    const data = await query<{ p?: { id: string } | null; t?: { slug: string } | null; r?: { code: string } | null }>(this.endpoint, OPERATIONS.check, {
      ...(partner ? { p: partner, withP: true } : {}),
      ...(topic ? { t: topic, withT: true } : {}),
      ...(region ? { r: region, withR: true } : {}),
    });
    if (partner && !data.p) return { invalid: `no partner with the slug "${partner}"` };
    if (topic && !data.t) return { invalid: `no topic with the slug "${topic}"` };
    if (region && !data.r) return { invalid: `no region with the key "${region}"` };
    return { partnerId: data.p?.id };
  }

  private schedule(): void {
    if (this.pending) return;
    this.pending = true;
    // Attributes set one after another (by a script or a page builder) cause one load.
    queueMicrotask(() => {
      this.pending = false;
      void this.refresh();
    });
  }

  private async refresh(): Promise<void> {
    const run = ++this.run;
    const lang = this.uiLang;
    this.view.setAttribute('aria-busy', 'true');
    this.view.replaceChildren(el('p', 'loading', [TEXT[lang].loading], 'note'));
    let loaded: Loaded | undefined;
    try {
      loaded = await this.load(lang);
    } catch {
      loaded = undefined;
    }
    if (run !== this.run) return;
    this.view.removeAttribute('aria-busy');
    this.setJsonLd(loaded && 'items' in loaded ? loaded.jsonLd : undefined);
    if (!loaded) {
      this.view.replaceChildren(el('p', 'error', [this.errorText(lang)], 'note'));
      return;
    }
    if ('invalid' in loaded) {
      // One warning for the page's author; visitors see the empty state.
      console.warn(`[mitgen] <${this.localName}>: ${loaded.invalid}; showing nothing.`);
      this.view.replaceChildren(el('p', 'empty', [this.emptyText(lang)], 'note'));
      return;
    }
    if (!loaded.items.length) {
      this.view.replaceChildren(el('p', 'empty', [this.emptyText(lang)], 'note'));
      return;
    }
    const list = el('ul', 'list', loaded.items.map((item) => el('li', 'item', [item])));
    list.setAttribute('aria-label', this.label(lang));
    // Safari drops the list role of `list-style: none` lists; say it explicitly.
    list.setAttribute('role', 'list');
    this.view.replaceChildren(list);
  }

  /** JSON-LD for search engines, as a child of the element in the host page (not shown: no slot). */
  private setJsonLd(doc: unknown): void {
    this.querySelector(':scope > script[data-mitgen-jsonld]')?.remove();
    if (!doc) return;
    const script = document.createElement('script');
    script.type = 'application/ld+json';
    script.dataset.mitgenJsonld = '';
    script.textContent = JSON.stringify(doc).replace(/</g, '\\u003c');
    this.append(script);
  }
}
