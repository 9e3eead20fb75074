import { baseServiceEnv, buildFederatedSchema, type SubgraphContext, type SubgraphDefinition } from '@mitgen/subgraph-kit';
import { entitiesQuery, gql, gqlOk, startTestSubgraph, type TestSubgraph } from '@mitgen/test-kit';
import { Ctx, Directive, Field, ID, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { MigrationInterface, QueryRunner } from 'typeorm';

// Queries never write, in every subgraph: the kit runs query operations — `_entities` fetches
// included, which the gateway sends as queries — on connections whose transactions are read-only,
// so PostgreSQL refuses a write that a resolver attempts inside a query. A subgraph written for
// this test tries exactly that; mutations, routes (and workers) keep writing as before.

class CreateNotes1767225600001 implements MigrationInterface {
  name = 'CreateNotes1767225600001';
  async up(q: QueryRunner) {
    await q.query('CREATE TABLE note (id serial PRIMARY KEY, text text NOT NULL)');
  }
  async down(q: QueryRunner) {
    await q.query('DROP TABLE note');
  }
}

const insert = (ctx: Pick<SubgraphContext, 'ds'>, text: string) => ctx.ds.query('INSERT INTO note (text) VALUES ($1)', [text]);

function notesSubgraph(): SubgraphDefinition {
  @Directive('@key(fields: "id")')
  @ObjectType('Note', { description: 'A note.' })
  class Note {
    @Field(() => ID, { description: 'Id.' })
    id: string;
  }

  @Resolver(() => Note)
  class NoteResolver {
    @Query(() => Int, { description: 'Writes a note while reading (must fail).' })
    async writeInQuery(@Ctx() ctx: SubgraphContext): Promise<number> {
      await insert(ctx, 'from a query');
      return 1;
    }

    @Query(() => Int, { description: 'Writes in an explicit transaction while reading (must fail too).' })
    async writeInQueryTransaction(@Ctx() ctx: SubgraphContext): Promise<number> {
      await ctx.ds.transaction((tx) => tx.query('INSERT INTO note (text) VALUES ($1)', ['from a query transaction']));
      return 1;
    }

    @Query(() => String, { description: 'Whether this query’s transaction is read-only.' })
    async readOnlyInQuery(@Ctx() ctx: SubgraphContext): Promise<string> {
      return (await ctx.ds.query('SHOW transaction_read_only'))[0].transaction_read_only;
    }

    @Query(() => Int, { description: 'Notes so far.' })
    async noteCount(@Ctx() ctx: SubgraphContext): Promise<number> {
      return (await ctx.ds.query('SELECT count(*)::int AS n FROM note'))[0].n;
    }

    @Mutation(() => Int, { description: 'Writes a note.' })
    async writeInMutation(@Ctx() ctx: SubgraphContext): Promise<number> {
      await insert(ctx, 'from a mutation');
      return 1;
    }

    @Mutation(() => String, { description: 'Whether this mutation’s transaction is read-only.' })
    async readOnlyInMutation(@Ctx() ctx: SubgraphContext): Promise<string> {
      return (await ctx.ds.query('SHOW transaction_read_only'))[0].transaction_read_only;
    }
  }

  return {
    name: 'notes',
    env: baseServiceEnv,
    entities: [],
    migrations: [CreateNotes1767225600001],
    schema: () =>
      buildFederatedSchema(
        { resolvers: [NoteResolver], orphanedTypes: [Note] },
        {
          // A reference resolver that writes, as the old DataSubjectErasure did while `_entities` resolved.
          Note: {
            __resolveReference: async (ref: { id: string }, ctx: SubgraphContext) => {
              await insert(ctx, 'from _entities');
              return ref;
            },
          },
        },
      ),
    routes: (router, deps) => {
      router.post('/notes', async (_req, res) => {
        await insert(deps, 'from a route');
        res.json({ ok: true });
      });
    },
  };
}

let sg: TestSubgraph;
beforeAll(async () => {
  sg = await startTestSubgraph(notesSubgraph());
});
afterAll(() => sg?.stop());

const notes = async () => (await sg.ds.query('SELECT text FROM note ORDER BY id')).map((r: { text: string }) => r.text);

test('a write attempted inside a query fails, plain or in a transaction, and writes nothing', async () => {
  for (const field of ['writeInQuery', 'writeInQueryTransaction']) {
    const res = await gql(sg.url, `{ ${field} }`);
    expect([field, res.data?.[field] ?? null, res.errors?.[0].extensions?.code]).toEqual([field, null, 'INTERNAL_SERVER_ERROR']);
  }
  expect(await notes()).toEqual([]);
});

test('`_entities` is a query too: a reference resolver cannot write', async () => {
  const res = await gql(sg.url, entitiesQuery('Note', 'id'), { r: [{ __typename: 'Note', id: '1' }] });
  expect(res.errors?.[0].extensions?.code).toBe('INTERNAL_SERVER_ERROR');
  expect(await notes()).toEqual([]);
});

test('queries read on read-only transactions; mutations and routes write as before', async () => {
  expect(await gqlOk(sg.url, '{ readOnlyInQuery }')).toEqual({ readOnlyInQuery: 'on' });
  expect(await gqlOk(sg.url, 'mutation { readOnlyInMutation }')).toEqual({ readOnlyInMutation: 'off' });
  expect(await gqlOk(sg.url, 'mutation { writeInMutation }')).toEqual({ writeInMutation: 1 });
  const route = await fetch(new URL('/notes', sg.url), { method: 'POST' });
  expect(route.status).toBe(200);
  expect(await notes()).toEqual(['from a mutation', 'from a route']);
  // Reads see what mutations wrote (same database, another pool).
  expect(await gqlOk(sg.url, '{ noteCount }')).toEqual({ noteCount: 2 });
});

test('the read-only connections are counted with the others: statement counts stay whole', async () => {
  sg.counter.reset();
  await gqlOk(sg.url, '{ noteCount }');
  expect(sg.counter.count).toBe(1);
});
