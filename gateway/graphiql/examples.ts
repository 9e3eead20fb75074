/** Example operations shown in GraphiQL's "Examples" panel (the first is the default query). */
export const EXAMPLES: { title: string; description: string; query: string; variables?: Record<string, unknown> }[] = [
  {
    title: 'Network directory',
    description: 'Partners with their offers and events (three services in one request).',
    query: `# The MitGeN network: partners with their offers and events.
# Run with the ▶ button (or Ctrl-Enter).
{
  partners(first: 5) {
    totalCount
    nodes {
      name
      resources(first: 3) { nodes { title provider { name } } }
      events(first: 3) { nodes { title startsAt organizers { name } } }
    }
  }
}
`,
  },
  {
    title: 'Upcoming events',
    description: 'Public events from today on.',
    query: `query UpcomingEvents($first: Int!) {
  events(first: $first, filter: { upcoming: true }) {
    totalCount
    nodes { title kind startsAt city organizers { name } }
    pageInfo { hasNextPage endCursor }
  }
}
`,
    variables: { first: 10 },
  },
  {
    title: 'Resources in Arabic',
    description: 'Offers in Arabic (right to left), German where a text has no translation (docs/languages.md).',
    query: `# The language comes from the argument or the Accept-Language header; German is the fallback.
query ResourcesInArabic {
  resources(first: 5, language: "ar") {
    nodes { title summary language availableLanguages direction provider { name } }
  }
}
`,
  },
  {
    title: 'Search the resource pool',
    description: 'German full-text search over offers and information.',
    query: `query SearchResources($search: String!) {
  resources(first: 10, filter: { search: $search }) {
    totalCount
    nodes { title summary provider { name } }
  }
}
`,
    variables: { search: 'Beratung' },
  },
  {
    title: 'Topics',
    description: 'The topic areas (Themenbereiche) with their latest resources.',
    query: `{
  topics(first: 50) {
    nodes { slug name resources(first: 2) { totalCount nodes { title } } }
  }
}
`,
  },
  {
    title: 'Register for an event',
    description: 'Public mutation (rate limited); needs an open event id.',
    query: `mutation Register($input: RegisterForEventInput!) {
  registerForEvent(input: $input) { id status waitlistPosition }
}
`,
    variables: { input: { eventId: '<event id>', name: 'Alex Beispiel', email: 'alex@example.org' } },
  },
  {
    title: 'Subscribe to the newsletter',
    description: 'Double opt-in: a confirmation mail follows.',
    query: `mutation Subscribe($input: SubscribeToNewsletterInput!) {
  subscribeToNewsletter(input: $input) { status }
}
`,
    variables: { input: { email: 'alex@example.org' } },
  },
  {
    title: 'Who am I?',
    description: 'The signed-in account (sign in first).',
    query: `{
  me { email role partner { name } }
}
`,
  },
  {
    title: 'Sign in (mutation)',
    description: 'What the sign-in box does; put the token into the headers.',
    query: `mutation SignIn($email: String!, $password: String!) {
  login(email: $email, password: $password) { token expiresAt }
}
`,
    variables: { email: 'admin@mitgen.local', password: '…' },
  },
  {
    title: 'Event as schema.org JSON-LD',
    description: 'What search engines read; organisers from the partners service (also /feeds/events.jsonld).',
    query: `query EventJsonLd($first: Int!) {
  events(first: $first, filter: { upcoming: true }) {
    nodes {
      title
      jsonLd
      organizers { jsonLd }
    }
  }
}
`,
    variables: { first: 1 },
  },
];
