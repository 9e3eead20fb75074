// The operations the gateway's pages run against the graph: the same public queries and mutations a
// website would use (README, docs/events.md, docs/newsletter.md). A test validates each against the
// supergraph.

const EVENT_SUMMARY = `id slug title kind startsAt endsAt venueName street postalCode city online status registrationState`;

export const EVENT_LIST = `query PageEventList { events(first: 50, filter: { upcoming: true }) { nodes { ${EVENT_SUMMARY} organizers { name } } } }`;

export const EVENT_PAGE = `query PageEvent($slug: String!) {
  event(slug: $slug) {
    ${EVENT_SUMMARY} description capacity seatsLeft waitlistEnabled registrationClosesAt cancellationReason
    organizers { name slug }
    topics { name }
    programme { startsAt endsAt title description speakers { name affiliation } }
    sessions { id title description startsAt endsAt room seatsLeft }
    documentation { id title }
  }
}`;

export const REGISTER = `mutation PageRegister($input: RegisterForEventInput!) {
  registerForEvent(input: $input) { status waitlistPosition sessions { session { title } status waitlistPosition } }
}`;

const REGISTRATION_FIELDS = `status waitlistPosition name email organisation onlineUrl
  sessions { session { id title } status waitlistPosition }
  event { ${EVENT_SUMMARY} sessions { id title startsAt endsAt room seatsLeft } }`;

export const REGISTRATION = `query PageRegistration($token: String!) { registration(token: $token) { ${REGISTRATION_FIELDS} } }`;

export const CANCEL_REGISTRATION = `mutation PageCancelRegistration($token: String!) { cancelRegistration(token: $token) { status event { title slug } } }`;

export const CHANGE_SESSIONS = `mutation PageChangeSessions($token: String!, $sessionIds: [ID!]!) {
  changeRegistrationSessions(token: $token, sessionIds: $sessionIds) { ${REGISTRATION_FIELDS} }
}`;

export const CONSENT_TEXT = `query PageNewsletterConsent { newsletterConsentText { version text } topics(first: 100) { nodes { slug name } } }`;

export const SUBSCRIBE = `mutation PageSubscribe($input: SubscribeToNewsletterInput!) { subscribeToNewsletter(input: $input) { message confirmationLinkHours } }`;

export const CONFIRM_SUBSCRIPTION = `mutation PageConfirmSubscription($token: String!) { confirmSubscription(token: $token) { manageToken subscription { email status } } }`;

const SUBSCRIPTION_FIELDS = `email name language status topics { slug }`;

export const SUBSCRIPTION = `query PageSubscription($token: String!) {
  newsletterSubscription(token: $token) { ${SUBSCRIPTION_FIELDS} }
  topics(first: 100) { nodes { slug name } }
}`;

export const UPDATE_SUBSCRIPTION = `mutation PageUpdateSubscription($token: String!, $input: NewsletterPreferencesInput!) {
  updateNewsletterSubscription(token: $token, input: $input) { ${SUBSCRIPTION_FIELDS} }
}`;

export const PARTNER_PAGE = `query PagePartner($slug: String!) {
  partner(slug: $slug) {
    name shortName description street postalCode city website email phone languages
    topics { name }
    events(first: 10, upcoming: true) { nodes { slug title startsAt endsAt } }
    resources(first: 20) { nodes { id title summary } }
  }
}`;

export const RESOURCE_PAGE = `query PageResource($id: ID!) {
  resource(id: $id) {
    title summary body kind url cost freeOfCharge accessibility validFrom validUntil languages statewide
    provider { name slug }
    topics { name }
    regions { name }
    contacts { name role email phone }
  }
}`;

/** Every operation of the pages, for the test that validates them against the supergraph. */
export const PAGE_OPERATIONS = {
  EVENT_LIST,
  EVENT_PAGE,
  REGISTER,
  REGISTRATION,
  CANCEL_REGISTRATION,
  CHANGE_SESSIONS,
  CONSENT_TEXT,
  SUBSCRIBE,
  CONFIRM_SUBSCRIPTION,
  SUBSCRIPTION,
  UPDATE_SUBSCRIPTION,
  PARTNER_PAGE,
  RESOURCE_PAGE,
};
