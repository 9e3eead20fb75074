// The self-hosted GraphiQL of the MitGeN graph: bundled with esbuild at build time (no CDN, no
// web fonts fetched from anywhere), with a sign-in box and example operations.
//
// The sign-in is kept in sessionStorage until the token expires, so a reload does not ask again
// (and normal use does not run into the login limit). sessionStorage, not localStorage: it ends
// with the tab and is not shared with other tabs. Any script running on this origin could read
// it; the page's Content-Security-Policy allows scripts from this origin only, and the origin
// serves no other scripts (the gateway's own pages run none).
import { useEditorContext, useSchemaStore } from '@graphiql/react';
import { GraphiQL } from 'graphiql';
import 'graphiql/style.css';
import { useState, type FormEvent } from 'react';
import { createRoot } from 'react-dom/client';
import { EXAMPLE_GROUPS, EXAMPLES, type Example } from '../src/graphiql-examples';
import './mitgen.css';

const ENDPOINT = '/graphql';

type Params = { query: string; operationName?: string | null; variables?: unknown };

/** Posts to the gateway with the headers of the header editor (the sign-in box fills them in). */
async function fetcher(params: Params, opts?: { headers?: Record<string, unknown> }): Promise<unknown> {
  // GraphiQL updates the operation name a moment after the editor changes: an example picked and
  // run at once would be sent with the previous example's name.
  const names = [...params.query.matchAll(/\b(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/g)].map((m) => m[1]);
  if (params.operationName && !names.includes(params.operationName)) params = { ...params, operationName: names.length === 1 ? names[0] : undefined };
  const res = await fetch(ENDPOINT, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...(opts?.headers as Record<string, string>) },
    body: JSON.stringify(params),
  });
  return res.json();
}

const SESSION_KEY = 'mitgen.signIn';

interface Session {
  token: string;
  email: string;
  expiresAt: string;
}

/** The sign-in of this tab, while its token is valid. */
function storedSession(): Session | undefined {
  try {
    const s = JSON.parse(sessionStorage.getItem(SESSION_KEY) ?? 'null') as Session | null;
    if (s && new Date(s.expiresAt).getTime() > Date.now() + 5_000) return s;
  } catch {
    // unreadable: treat as signed out
  }
  sessionStorage.removeItem(SESSION_KEY);
  return undefined;
}

const signedInText = (s: Session) => `Signed in as ${s.email} until ${new Date(s.expiresAt).toLocaleTimeString()}`;
const headersOf = (s: Session | undefined) => (s ? JSON.stringify({ Authorization: `Bearer ${s.token}` }, null, 2) : '');

function SignIn() {
  const editors = useEditorContext({ nonNull: true });
  const schema = useSchemaStore();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [state, setState] = useState<{ kind: 'idle' | 'busy' | 'in' | 'error'; message?: string }>(() => {
    const session = storedSession();
    return session ? { kind: 'in', message: signedInText(session) } : { kind: 'idle' };
  });

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
      const session: Session = { token: body.data.login.token, email, expiresAt: body.data.login.expiresAt };
      sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
      setHeaders({ Authorization: `Bearer ${session.token}` });
      setPassword('');
      setState({ kind: 'in', message: signedInText(session) });
    } catch (err) {
      setState({ kind: 'error', message: (err as Error).message });
    }
  };

  return (
    <div className="mitgen-panel">
      <div className="graphiql-doc-explorer-title">Sign in</div>
      <p>
        Coordinators and partner editors sign in here; the token goes into the request headers (below the editor) and stays for this tab until it expires. Five
        wrong passwords in a row lock the address for 15 minutes. Partner servers put their API key there instead: <code>{'{ "X-API-Key": "mgk_…" }'}</code>.
      </p>
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
          <button
            type="button"
            className="graphiql-button"
            onClick={() => (sessionStorage.removeItem(SESSION_KEY), setHeaders({}), setState({ kind: 'idle', message: 'Signed out' }))}
          >
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

/** The headers of the header editor (for the examples' preparing queries). */
function editorHeaders(text: string | undefined): Record<string, string> {
  try {
    return text?.trim() ? (JSON.parse(text) as Record<string, string>) : {};
  } catch {
    return {};
  }
}

function Examples() {
  const editors = useEditorContext({ nonNull: true });
  const [status, setStatus] = useState<{ error: boolean; message: string } | undefined>();

  const pick = async (x: Example) => {
    setStatus(undefined);
    let variables = x.variables;
    if (x.prepare) {
      try {
        const answer = x.prepare.query
          ? ((await fetcher({ query: x.prepare.query }, { headers: editorHeaders(editors.headerEditor?.getValue()) })) as { data?: unknown; errors?: { message: string }[] })
          : { data: {} };
        if (answer.errors?.length || !answer.data) throw new Error(answer.errors?.[0]?.message ?? 'The example could not be prepared');
        variables = x.prepare.variables(answer.data);
      } catch (err) {
        setStatus({ error: true, message: `${x.title}: ${(err as Error).message}` });
        return;
      }
    }
    editors.queryEditor?.setValue(x.query);
    editors.variableEditor?.setValue(variables ? JSON.stringify(variables, null, 2) : '');
    setStatus({ error: false, message: `${x.title}: ready, run it with ▶` });
  };

  return (
    <div className="mitgen-panel">
      <div className="graphiql-doc-explorer-title">Examples</div>
      <p>Common tasks by role; click one to put it into the editor (with the ids it needs), then run it.</p>
      {status && (
        <p role="status" className={status.error ? 'mitgen-error' : undefined}>
          {status.message}
        </p>
      )}
      {EXAMPLE_GROUPS.map((g) => (
        <section key={g.role} aria-label={g.title}>
          <h3 className="mitgen-group">{g.title}</h3>
          <p className="mitgen-hint">{g.hint}</p>
          <ul className="mitgen-examples">
            {EXAMPLES.filter((x) => x.role === g.role).map((x) => (
              <li key={x.title}>
                <button type="button" className="graphiql-button" onClick={() => void pick(x)}>
                  {x.title}
                </button>
                <span>{x.description}</span>
              </li>
            ))}
          </ul>
        </section>
      ))}
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

// A reload keeps the sign-in of this tab (sessionStorage) while its token is valid.
const initialHeaders = headersOf(storedSession());

createRoot(document.getElementById('graphiql')!).render(
  <GraphiQL
    fetcher={fetcher as never}
    plugins={plugins}
    defaultQuery={EXAMPLES[0].query}
    headers={initialHeaders}
    defaultHeaders={initialHeaders}
    shouldPersistHeaders={false}
    isHeadersEditorEnabled
    defaultEditorToolsVisibility="headers"
  />,
);
