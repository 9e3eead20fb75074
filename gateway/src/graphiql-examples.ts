// Example operations of the self-hosted GraphiQL ("Examples" panel), grouped by who runs them. A test
// validates each against the supergraph, and the browser test runs each against the demo data. No
// example signs in: the sign-in panel does that, so no example can lock an account with a wrong
// password.

/** Who an example is for (the panel groups them so). */
export type ExampleRole = 'anyone' | 'partner' | 'coordinator';

export interface Example {
  title: string;
  role: ExampleRole;
  description: string;
  query: string;
  variables?: Record<string, unknown>;
  /**
   * Runs when the example is picked, before it goes into the editor: its query (with the headers
   * of the header editor) finds the ids the example needs, e.g. an open event, and `variables`
   * turns the answer into the example's variables (dates relative to today, too).
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the answer's shape is the query's text just above it
  prepare?: { query?: string; variables: (data: any) => Record<string, unknown> };
}

export const EXAMPLE_GROUPS: { role: ExampleRole; title: string; hint: string }[] = [
  { role: 'anyone', title: 'Everyone', hint: 'No sign-in needed.' },
  { role: 'partner', title: 'Partner websites', hint: 'Public reads; a partner server sends its API key (X-API-Key) in the headers for higher limits.' },
  { role: 'coordinator', title: 'Coordinators', hint: 'Sign in first (the key icon); these change real data.' },
];

/** A local time in Hannover (Europe/Berlin) some days from today, as ISO 8601 with its offset. */
const inDays = (days: number, time: string) => {
  const day = new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  const noon = new Date(`${day}T12:00:00Z`);
  const offset = new Intl.DateTimeFormat('en', { timeZone: 'Europe/Berlin', timeZoneName: 'longOffset' }).formatToParts(noon).find((p) => p.type === 'timeZoneName')!.value;
  return `${day}T${time}:00${offset.replace('GMT', '') || '+00:00'}`;
};
const suffix = () => Math.random().toString(36).slice(2, 6);

/** The first node of a connection in the answer, or a clear error. */
function first(connection: { nodes: { id: string }[] } | undefined, what: string): string {
  const id = connection?.nodes?.[0]?.id;
  if (!id) throw new Error(`No ${what} found: run the example before this one first, or check the demo data.`);
  return id;
}

const PARTNER_OF_COORDINATION = 'query { partner(slug: "g-mit-niedersachsen") { id } }';
/** The upcoming Fachtag with the most seats taken (the demo data's next Fachtag has registrations). */
const BUSIEST_FACHTAG = {
  query: 'query { events(first: 10, filter: { upcoming: true, kind: FACHTAG }) { nodes { id capacity seatsLeft } } }',
  variables: (data: { events: { nodes: { id: string; capacity: number | null; seatsLeft: number | null }[] } }) => {
    const taken = (e: { capacity: number | null; seatsLeft: number | null }) => (e.capacity ?? 0) - (e.seatsLeft ?? 0);
    const [busiest] = [...data.events.nodes].sort((a, b) => taken(b) - taken(a));
    return { id: first({ nodes: busiest ? [busiest] : [] }, 'upcoming Fachtag') };
  },
};

export const EXAMPLES: Example[] = [
  {
    title: 'Network directory',
    role: 'anyone',
    description: 'Partners with their offers and events (three services in one request).',
    query: `# The MitGeN network: partners with their offers and upcoming events.
# Run with the ▶ button (or Ctrl-Enter).
{
  partners(first: 5) {
    totalCount
    nodes {
      id
      name
      resources(first: 3) { nodes { id title provider { id name } } }
      events(first: 3) { nodes { id title startsAt organizers { id name } } }
    }
  }
}
`,
  },
  {
    title: 'Upcoming events',
    role: 'anyone',
    description: 'Public events from today on, soonest first, with whether registration is open.',
    query: `query UpcomingEvents($first: Int!) {
  events(first: $first, filter: { upcoming: true }) {
    totalCount
    nodes { id slug title kind startsAt city registrationState seatsLeft organizers { id name } }
    pageInfo { hasNextPage endCursor }
  }
}
`,
    variables: { first: 10 },
  },
  {
    title: 'Search the resource pool',
    role: 'anyone',
    description: 'German full-text search over offers and information.',
    query: `query SearchResources($search: String!) {
  resources(first: 10, filter: { search: $search }) {
    totalCount
    nodes { id title summary provider { id name } }
  }
}
`,
    variables: { search: 'Beratung' },
  },
  {
    title: 'Topics',
    role: 'anyone',
    description: 'The topic areas (Themenbereiche) with their latest resources.',
    query: `{
  topics(first: 50) {
    nodes { slug name resources(first: 2) { totalCount nodes { id title } } }
  }
}
`,
  },
  {
    title: 'Register for an event',
    role: 'anyone',
    description: 'Public mutation (rate limited): the first upcoming event that takes registrations; a confirmation mail with the manage link follows.',
    query: `mutation Register($input: RegisterForEventInput!) {
  registerForEvent(input: $input) {
    id
    status
    waitlistPosition
    event { id title startsAt }
  }
}
`,
    prepare: {
      query: 'query { events(first: 20, filter: { upcoming: true }) { nodes { id registrationState } } }',
      variables: (data: { events: { nodes: { id: string; registrationState: string }[] } }) => {
        const open = data.events.nodes.find((e) => e.registrationState === 'OPEN' || e.registrationState === 'WAITLIST');
        if (!open) throw new Error('No upcoming event takes registrations right now.');
        // consent: the person agreed to the privacy notice of the form (required).
        return { input: { eventId: open.id, name: 'Alex Beispiel', email: 'alex@example.org', organisation: 'Beispielverein', consent: true } };
      },
    },
  },
  {
    title: 'Subscribe to the newsletter',
    role: 'anyone',
    description: 'Double opt-in: a confirmation mail follows; the answer is the same for every address.',
    query: `mutation Subscribe($input: SubscribeToNewsletterInput!) {
  subscribeToNewsletter(input: $input) { message confirmationLinkHours }
}
`,
    variables: { input: { email: 'alex@example.org', topics: ['gleichstellung'] } },
  },
  {
    title: "A partner's profile and events",
    role: 'partner',
    description: 'What a partner website shows about its own organisation: profile, upcoming events (soonest first) and offers.',
    query: `query PartnerProfile($slug: String!) {
  partner(slug: $slug) {
    id
    name
    description
    website
    events(first: 5) { nodes { id slug title startsAt endsAt city registrationState } }
    resources(first: 5) { nodes { id title summary url } }
  }
}
`,
    variables: { slug: 'frauenberatung-osnabrueck' },
  },
  {
    title: 'Events as schema.org JSON-LD',
    role: 'partner',
    description: 'What search engines read on a partner page; organisers from the partners service (also /feeds/events.jsonld).',
    query: `query EventJsonLd($first: Int!) {
  events(first: $first, filter: { upcoming: true }) {
    nodes {
      id
      title
      jsonLd
      organizers { id jsonLd }
    }
  }
}
`,
    variables: { first: 1 },
  },
  {
    title: 'Who am I?',
    role: 'coordinator',
    description: 'The signed-in account (sign in first).',
    query: `{
  me { id email role partner { id name } }
}
`,
  },
  {
    title: 'Create a partner (draft)',
    role: 'coordinator',
    description: 'A new partner organisation, as a draft: nobody else sees it until it is published.',
    query: `mutation CreatePartner($input: CreatePartnerInput!) {
  createPartner(input: $input) { id slug name status }
}
`,
    variables: {
      input: {
        name: 'Beratungsstelle Beispielstadt',
        kind: 'COUNSELLING_SERVICE',
        city: 'Hildesheim',
        regionCode: '03254',
        description: 'Beratung für geflüchtete Frauen, auch auf Arabisch und Farsi.',
        languages: ['de', 'ar', 'fa'],
        topics: ['gleichstellung'],
      },
    },
  },
  {
    title: 'Publish a partner',
    role: 'coordinator',
    description: 'Publishes the newest draft partner (e.g. the one just created).',
    query: `mutation PublishPartner($id: ID!) {
  publishPartner(id: $id) { id slug name status }
}
`,
    prepare: {
      query: 'query { partners(first: 1, filter: { status: DRAFT, search: "Beispielstadt" }) { nodes { id } } }',
      variables: (data) => ({ id: first(data.partners, 'draft partner') }),
    },
  },
  {
    title: 'Add a contact person',
    role: 'coordinator',
    description: 'An Ansprechperson of a partner, shown in the resource pool.',
    query: `mutation AddContactPerson($input: CreateContactPersonInput!) {
  createContactPerson(input: $input) { id name role isPublic partner { id name } }
}
`,
    prepare: {
      query: PARTNER_OF_COORDINATION,
      variables: (data) => ({
        input: { partnerId: data.partner.id, name: 'Sam Beispiel', role: 'Beratung', email: 'sam.beispiel@example.org', isPublic: true, emailPublic: true, topics: ['gleichstellung'] },
      }),
    },
  },
  {
    title: 'Create a resource (draft)',
    role: 'coordinator',
    description: 'An offer of a partner for the resource pool, as a draft.',
    query: `mutation CreateResource($input: CreateResourceInput!) {
  createResource(input: $input) { id title status provider { id name } }
}
`,
    prepare: {
      query: PARTNER_OF_COORDINATION,
      variables: (data) => ({
        input: {
          title: 'Beispiel: Offene Sprechstunde Gleichstellung',
          kind: 'COUNSELLING',
          providerId: data.partner.id,
          summary: 'Offene Sprechstunde für Fachkräfte, jeden ersten Montag im Monat.',
          topicSlugs: ['gleichstellung'],
          statewide: true,
          freeOfCharge: true,
        },
      }),
    },
  },
  {
    title: 'Publish a resource',
    role: 'coordinator',
    description: 'Publishes a draft resource (e.g. the one just created).',
    query: `mutation PublishResource($id: ID!) {
  publishResource(id: $id) { id title status }
}
`,
    prepare: {
      query: 'query { resources(first: 1, filter: { status: DRAFT, search: "Sprechstunde" }) { nodes { id } } }',
      variables: (data) => ({ id: first(data.resources, 'draft resource') }),
    },
  },
  {
    title: 'Create an event with sessions',
    role: 'coordinator',
    description: 'A Fachtag with programme and theme tables (sessions), as a draft; dates are three months ahead.',
    query: `mutation CreateEvent($input: CreateEventInput!) {
  createEvent(input: $input) {
    id slug title status startsAt
    programme { startsAtLocal title }
    sessions { id title capacity }
  }
}
`,
    prepare: {
      query: PARTNER_OF_COORDINATION,
      variables: (data) => ({
        input: {
          title: 'Fachtag Beispiel: Gleichstellung vor Ort',
          slug: `fachtag-beispiel-${suffix()}`,
          kind: 'FACHTAG',
          startsAt: inDays(90, '10:00'),
          endsAt: inDays(90, '16:00'),
          venueName: 'Kulturzentrum Pavillon',
          street: 'Lister Meile 4',
          postalCode: '30161',
          city: 'Hannover',
          regionCode: '03241',
          capacity: 80,
          organizerIds: [data.partner.id],
          topicSlugs: ['gleichstellung'],
          programme: [
            { startsAt: inDays(90, '10:00'), endsAt: inDays(90, '10:30'), title: 'Begrüßung', kind: 'WELCOME' },
            { startsAt: inDays(90, '13:30'), endsAt: inDays(90, '15:00'), title: 'Thementische', kind: 'THEME_TABLES' },
          ],
          sessions: [
            { title: 'Thementisch: Arbeitsmarkt', kind: 'THEME_TABLE', startsAt: inDays(90, '13:30'), endsAt: inDays(90, '15:00'), capacity: 20 },
            { title: 'Thementisch: Gewaltschutz', kind: 'THEME_TABLE', startsAt: inDays(90, '13:30'), endsAt: inDays(90, '15:00'), capacity: 20 },
          ],
        },
      }),
    },
  },
  {
    title: 'Publish an event',
    role: 'coordinator',
    description: 'Publishes a draft event (e.g. the one just created): it appears in lists and feeds and takes registrations.',
    query: `mutation PublishEvent($id: ID!) {
  publishEvent(id: $id) { id slug status registrationState }
}
`,
    prepare: {
      query: 'query { events(first: 1, filter: { status: [DRAFT], upcoming: true }) { nodes { id } } }',
      variables: (data) => ({ id: first(data.events, 'draft event') }),
    },
  },
  {
    title: 'See registrations',
    role: 'coordinator',
    description: 'Who registered for the upcoming Fachtag with the most registrations, with sessions and needs; counts for funders.',
    query: `query Registrations($id: ID!) {
  event(id: $id) {
    id
    title
    seatsLeft
    waitlistCount
    registrations(first: 20) {
      totalCount
      nodes { id name email organisation status waitlistPosition sessions { session { id title } status } needs { accessibility childcare notes } }
    }
    registrationStats { registrations confirmed waitlisted cancelled attended }
  }
}
`,
    prepare: BUSIEST_FACHTAG,
  },
  {
    title: 'Download attendees',
    role: 'coordinator',
    description: 'A link to the attendee list as a CSV file (works for 10 minutes; open it in the browser).',
    query: `query DownloadAttendees($id: ID!) {
  event(id: $id) {
    id
    title
    attendeeListDownload { url expiresAt filename }
  }
}
`,
    prepare: BUSIEST_FACHTAG,
  },
  {
    title: 'Compose a newsletter edition',
    role: 'coordinator',
    description: 'A draft edition with the next events and a note; the preview shows the mail and any problems.',
    query: `mutation ComposeEdition($input: CreateNewsletterEditionInput!) {
  createNewsletterEdition(input: $input) {
    id
    status
    preview { subject problems }
  }
}
`,
    prepare: {
      query: 'query { events(first: 2, filter: { upcoming: true }) { nodes { id } } }',
      variables: (data: { events: { nodes: { id: string }[] } }) => ({
        input: {
          title: 'Neues aus dem Netzwerk',
          intro: 'Liebe Netzwerkpartner*innen,\n\nhier die nächsten Termine.',
          items: [
            ...data.events.nodes.map((e) => ({ kind: 'EVENT', id: e.id })),
            { kind: 'TEXT', title: 'In eigener Sache', text: 'Wir freuen uns über Beiträge für die nächste Ausgabe.' },
          ],
          audienceTopics: [],
        },
      }),
    },
  },
  {
    title: 'Send a newsletter edition',
    role: 'coordinator',
    description: 'Sends the newest draft edition to its audience now (each subscriber gets it once).',
    query: `mutation SendEdition($id: ID!) {
  sendNewsletterEdition(id: $id) { id title status }
}
`,
    prepare: {
      query: 'query { newsletterEditions(first: 1, filter: { status: DRAFT }) { nodes { id } } }',
      variables: (data) => ({ id: first(data.newsletterEditions, 'draft edition') }),
    },
  },
  {
    title: 'Create an API key for a partner',
    role: 'coordinator',
    description: "For a partner website's server: the key is shown once; pass it on safely (README, partner institutions).",
    query: `mutation CreateApiKey($input: CreateApiKeyInput!) {
  createApiKey(input: $input) { key apiKey { id name partner { id name } } }
}
`,
    prepare: {
      query: 'query { partner(slug: "frauenberatung-osnabrueck") { id } }',
      variables: (data) => ({ input: { partnerId: data.partner.id, name: `Website ${new Date().toISOString().slice(0, 10)}` } }),
    },
  },
  {
    title: "Export a person's data",
    role: 'coordinator',
    description: 'Everything stored about one e-mail address, from every service (GDPR right of access).',
    query: `query ExportPerson($email: String!) {
  dataSubject(email: $email) {
    email
    account { id email role }
    contactPersons { totalCount nodes { id name partner { id name } } }
    registrations { totalCount nodes { id status createdAt event { id title } } }
    registrationMails { totalCount }
    newsletterSubscription { id status confirmedAt }
    newsletterConsentProofs { totalCount }
    newsletterMails { totalCount }
  }
}
`,
    variables: { email: 'leyla.demir@example.org' },
  },
  {
    title: "Erase a person's data",
    role: 'coordinator',
    description: 'Deletes or anonymises everything about one address in every service (GDPR right to be forgotten); follow the request with erasureRequest(id).',
    query: `mutation ErasePerson($email: String!) {
  eraseDataSubject(email: $email) {
    id
    status
    services { service status counts { what count } }
  }
}
`,
    variables: { email: 'tobias.wendt@example.org' },
  },
];
