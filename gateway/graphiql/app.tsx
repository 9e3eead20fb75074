// The self-hosted GraphiQL of the MitGeN graph: bundled with esbuild at build time (no CDN, no
// web fonts fetched from anywhere), with a sign-in box and example operations.
import { useEditorContext, useSchemaStore } from '@graphiql/react';
import { GraphiQL } from 'graphiql';
import 'graphiql/style.css';
import { useState, type FormEvent } from 'react';
import { createRoot } from 'react-dom/client';
import { EXAMPLES } from './examples';
import './mitgen.css';

const ENDPOINT = '/graphql';

type Params = { query: string; operationName?: string | null; variables?: unknown };

/** Posts to the gateway with the headers of the header editor (the sign-in box fills them in). */
async function fetcher(params: Params, opts?: { headers?: Record<string, unknown> }): Promise<unknown> {
  const res = await fetch(ENDPOINT, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...(opts?.headers as Record<string, string>) },
    body: JSON.stringify(params),
  });
  return res.json();
}

function SignIn() {
  const editors = useEditorContext({ nonNull: true });
  const schema = useSchemaStore();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [state, setState] = useState<{ kind: 'idle' | 'busy' | 'in' | 'error'; message?: string }>({ kind: 'idle' });

  const setHeaders = (headers: Record<string, string>) => {
    editors.headerEditor?.setValue(Object.keys(headers).length ? JSON.stringify(headers, null, 2) : '');
    // Coordinators may introspect: load the schema (docs, completion) with the new headers.
    void schema.introspect();
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setState({ kind: 'busy' });
    try {
      const body = (await fetcher({
        query: 'mutation SignIn($email: String!, $password: String!) { login(email: $email, password: $password) { token expiresAt } }',
        variables: { email, password },
      })) as { data?: { login?: { token: string; expiresAt: string } }; errors?: { message: string }[] };
      if (!body.data?.login) throw new Error(body.errors?.[0]?.message ?? 'Sign-in failed');
      setHeaders({ Authorization: `Bearer ${body.data.login.token}` });
      setPassword('');
      setState({ kind: 'in', message: `Signed in as ${email} until ${new Date(body.data.login.expiresAt).toLocaleTimeString()}` });
    } catch (err) {
      setState({ kind: 'error', message: (err as Error).message });
    }
  };

  return (
    <div className="mitgen-panel">
      <div className="graphiql-doc-explorer-title">Sign in</div>
      <p>Coordinators and partner editors sign in here; the token goes into the request headers (below the editor). Partner servers put their API key there instead: <code>{'{ "X-API-Key": "mgk_…" }'}</code>.</p>
      <form onSubmit={submit} aria-label="Sign in">
        <label>
          Email
          <input name="email" type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required />
        </label>
        <label>
          Password
          <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </label>
        <button type="submit" className="graphiql-button" disabled={state.kind === 'busy'}>
          Sign in
        </button>
        {state.kind === 'in' && (
          <button type="button" className="graphiql-button" onClick={() => (setHeaders({}), setState({ kind: 'idle', message: 'Signed out' }))}>
            Sign out
          </button>
        )}
      </form>
      {state.message && (
        <p role="status" className={state.kind === 'error' ? 'mitgen-error' : undefined}>
          {state.message}
        </p>
      )}
    </div>
  );
}

function Examples() {
  const editors = useEditorContext({ nonNull: true });
  return (
    <div className="mitgen-panel">
      <div className="graphiql-doc-explorer-title">Examples</div>
      <p>Common tasks; click one to put it into the editor, then run it.</p>
      <ul className="mitgen-examples">
        {EXAMPLES.map((x) => (
          <li key={x.title}>
            <button
              type="button"
              className="graphiql-button"
              onClick={() => {
                editors.queryEditor?.setValue(x.query);
                editors.variableEditor?.setValue(x.variables ? JSON.stringify(x.variables, null, 2) : '');
              }}
            >
              {x.title}
            </button>
            <span>{x.description}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The widget snippet and the feeds, with this gateway's own address (docs/partner-sites.md). */
function PartnerSites() {
  const origin = window.location.origin;
  const snippet = `<script src="${origin}/embed/mitgen.js" defer></script>
<mitgen-events partner="g-mit-niedersachsen" limit="5"></mitgen-events>
<mitgen-resources topic="gewaltschutz" limit="5"></mitgen-resources>`;
  const [copied, setCopied] = useState(false);
  return (
    <div className="mitgen-panel">
      <div className="graphiql-doc-explorer-title">Partner sites</div>
      <p>Paste this into a page of your website (e.g. a WordPress “Custom HTML” block): upcoming events and current offers of the network, without any code of your own.</p>
      <pre className="mitgen-snippet" aria-label="Widget snippet">
        <code>{snippet}</code>
      </pre>
      <button
        type="button"
        className="graphiql-button"
        onClick={() => {
          void navigator.clipboard?.writeText(snippet).then(() => setCopied(true));
        }}
      >
        {copied ? 'Copied' : 'Copy snippet'}
      </button>
      <p>
        Attributes: <code>partner</code>, <code>topic</code> (slugs), <code>region</code> (five-digit key), <code>limit</code>, <code>lang</code> (<code>de</code>, <code>en</code>); resources also <code>language</code>, <code>kind</code>.
      </p>
      <p>Feeds for calendars, search engines and directories:</p>
      <ul className="mitgen-links">
        <li>
          <a href="/feeds/events.ics">/feeds/events.ics</a> (iCalendar; also per partner and topic)
        </li>
        <li>
          <a href="/feeds/events.jsonld">/feeds/events.jsonld</a> (schema.org JSON-LD)
        </li>
        <li>
          <a href="/hsds/">/hsds/</a> (Open Referral HSDS 3.0)
        </li>
      </ul>
    </div>
  );
}

const KeyIcon = () => (
  <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.5">
    <circle cx="8" cy="15" r="4" />
    <path d="M11 12l9-9M16 7l3 3M14 9l2 2" />
  </svg>
);
const ListIcon = () => (
  <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.5">
    <path d="M8 6h12M8 12h12M8 18h12M4 6h.01M4 12h.01M4 18h.01" />
  </svg>
);

const CodeIcon = () => (
  <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.5">
    <path d="M8 7l-5 5 5 5M16 7l5 5-5 5M14 4l-4 16" />
  </svg>
);

const plugins = [
  { title: 'Sign in', icon: KeyIcon, content: SignIn },
  { title: 'Examples', icon: ListIcon, content: Examples },
  { title: 'Partner sites', icon: CodeIcon, content: PartnerSites },
];

createRoot(document.getElementById('graphiql')!).render(
  <GraphiQL fetcher={fetcher as never} plugins={plugins} defaultQuery={EXAMPLES[0].query} shouldPersistHeaders={false} isHeadersEditorEnabled defaultEditorToolsVisibility="headers" />,
);
