import { alignByKey, type SubgraphContext } from '@mitgen/subgraph-kit';
import { In } from 'typeorm';
import { Topic } from './topic.entity';

/** Topics by slug. */
export const topicBySlug = (ctx: SubgraphContext) =>
  ctx.loaders.get<string, Topic | null>('topic.bySlug', async (slugs) => {
    const rows = await ctx.ds.getRepository(Topic).findBy({ slug: In([...slugs]) });
    return alignByKey(slugs, rows, (t) => t.slug);
  });
