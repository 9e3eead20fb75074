import { Field, ObjectType } from 'type-graphql';
import type { NewsletterContext } from '../context';
import { GraphUnavailableError, type GraphClient } from '@mitgen/subgraph-kit';
import { unavailable } from '../graph/graph.references';
import { EventRef } from '../event/event.reference';
import { ResourceRef } from '../resource/resource.reference';
import { TopicRef } from '../topic/topic.reference';

/** Largest number of suggestions per topic and kind. */
export const MAX_SUGGESTIONS = 50;
/** Pages of 100 read per list (bounds the work; the network has far fewer records). */
const MAX_PAGES = 20;

@ObjectType({ description: 'What is new on one topic since the last sent edition.' })
export class NewsletterTopicSuggestions {
  @Field(() => TopicRef, { nullable: true, description: 'The topic; null for records without any topic.' })
  topic: TopicRef | null;

  @Field(() => [EventRef], { description: `Upcoming public events added since then, soonest first (at most ${MAX_SUGGESTIONS}).` })
  events: EventRef[];

  @Field(() => [ResourceRef], { description: `Resources added to the pool since then, newest first (at most ${MAX_SUGGESTIONS}).` })
  resources: ResourceRef[];
}

@ObjectType({ description: 'Suggestions for the next edition: what is new in the graph, by topic.' })
export class NewsletterSuggestions {
  @Field({ description: 'Records created after this time are suggested (the last sent edition’s time unless given).' })
  since: Date;

  @Field(() => [NewsletterTopicSuggestions], { description: 'One entry per topic with something new (bounded by the number of topics).' })
  topics: NewsletterTopicSuggestions[];
}

interface Listed {
  id: string;
  createdAt: string;
  topics: { slug: string }[];
  startsAt?: string;
  status?: string;
}

/** Every node of a public list, page by page (as an anonymous client: public records only). */
async function readAll(graph: GraphClient, field: string, args: string, selection: string): Promise<Listed[]> {
  const nodes: Listed[] = [];
  let after: string | null = null;
  for (let i = 0; i < MAX_PAGES; i++) {
    const data: Record<string, { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: Listed[] }> = await graph.query(
      `query ($after: String) { ${field}(${args}first: 100, after: $after) { pageInfo { hasNextPage endCursor } nodes { ${selection} } } }`,
      { after },
    );
    nodes.push(...data[field].nodes);
    if (!data[field].pageInfo.hasNextPage) break;
    after = data[field].pageInfo.endCursor;
  }
  return nodes;
}

/** Upcoming events and resources created after `since`, grouped by topic, read through the gateway. */
export async function suggest(ctx: NewsletterContext, since: Date | null, limit: number): Promise<NewsletterSuggestions> {
  const from =
    since ??
    (await ctx.ds.query(`SELECT max(sent_at) AS at FROM newsletter_edition WHERE status = 'SENT'`))[0]?.at ??
    new Date(ctx.clock.now().getTime() - 30 * 24 * 3600_000);
  let events: Listed[];
  let resources: Listed[];
  try {
    [events, resources] = await Promise.all([
      readAll(ctx.services.graph, 'events', 'filter: { upcoming: true }, ', 'id createdAt startsAt status topics { slug }'),
      readAll(ctx.services.graph, 'resources', '', 'id createdAt topics { slug }'),
    ]);
  } catch (e) {
    throw e instanceof GraphUnavailableError ? unavailable() : e;
  }
  const isNew = (n: Listed) => new Date(n.createdAt).getTime() > new Date(from).getTime();
  const groups = new Map<string | null, { events: Listed[]; resources: Listed[] }>();
  const add = (kind: 'events' | 'resources', n: Listed) => {
    for (const slug of n.topics.length ? n.topics.map((t) => t.slug) : [null]) {
      if (!groups.has(slug)) groups.set(slug, { events: [], resources: [] });
      groups.get(slug)![kind].push(n);
    }
  };
  events.filter((e) => isNew(e) && e.status === 'PUBLISHED').sort((a, b) => a.startsAt!.localeCompare(b.startsAt!)).forEach((e) => add('events', e));
  resources.filter(isNew).sort((a, b) => b.createdAt.localeCompare(a.createdAt)).forEach((r) => add('resources', r));
  const topics = [...groups.entries()]
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)))
    .map(([slug, g]) => ({
      topic: slug === null ? null : TopicRef.of(slug),
      events: g.events.slice(0, limit).map((e) => EventRef.of(e.id)),
      resources: g.resources.slice(0, limit).map((r) => ResourceRef.of(r.id)),
    }));
  return { since: new Date(from), topics };
}
