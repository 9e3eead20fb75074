import { buildFederatedSchema, dataSubjectReference, dataSubjectType, erasureMutation, personalDataProblems, takesPartInErasure } from '@mitgen/subgraph-kit';
import { Kind, parse, print, visit } from 'graphql';
import { FieldResolver, Int, Resolver, Root, type BuildSchemaOptions } from 'type-graphql';
import { ERASURE_PARTICIPANTS, committedSdl } from './test/participants';
import { SERVICE_DEFINITIONS, SUBGRAPHS } from './test/services';

// Which services take part in erasure derives from the registry of subgraphs: a subgraph declares
// that it holds personal data by adding fields to `DataSubject` (the export) and its erasure
// mutation `eraseDataSubjectIn<Name>`; the partners service's erasure coordinator calls every
// subgraph of the registry whose SDL has that mutation. A subgraph with one but not the other
// fails here.

/** A new subgraph as a contributor would write it: it adds a field to `DataSubject`, with or without an erasure. */
async function projectsSdl(withErasure: boolean): Promise<string> {
  const DataSubject = dataSubjectType();
  type DataSubject = InstanceType<typeof DataSubject>;
  @Resolver(() => DataSubject)
  class ProjectMembershipsResolver {
    @FieldResolver(() => Int, { description: 'Projects the person is a member of.' })
    projectMemberships(@Root() _subject: DataSubject): number {
      return 0;
    }
  }
  const resolvers: BuildSchemaOptions['resolvers'] = withErasure
    ? [ProjectMembershipsResolver, erasureMutation('projects', async () => ({ membershipsDeleted: 0 }), 'Erases project memberships.')]
    : [ProjectMembershipsResolver];
  const { sdl } = await buildFederatedSchema({ resolvers, orphanedTypes: [DataSubject] }, { DataSubject: dataSubjectReference(DataSubject) });
  return sdl;
}

test('every subgraph of the registry that exports personal data also erases it, in its code and its committed schema', async () => {
  for (const s of SUBGRAPHS) {
    const { sdl } = await SERVICE_DEFINITIONS[s.name].schema();
    expect([s.name, personalDataProblems(s.name, sdl)]).toEqual([s.name, []]);
    expect([s.name, personalDataProblems(s.name, committedSdl(s.schemaFile))]).toEqual([s.name, []]);
  }
  // Today: partners (accounts, contact persons), events (registrations), newsletter (subscriptions).
  expect(ERASURE_PARTICIPANTS).toEqual(['partners', 'events', 'newsletter']);
});

test('a new subgraph that adds fields to DataSubject but no erasure fails the check; with its erasure mutation it takes part', async () => {
  const without = await projectsSdl(false);
  expect(personalDataProblems('projects', without)).toEqual([expect.stringMatching(/^projects adds projectMemberships to DataSubject .* no mutation eraseDataSubjectInProjects/)]);
  expect(takesPartInErasure('projects', without)).toBe(false);

  const withErasure = await projectsSdl(true);
  expect(personalDataProblems('projects', withErasure)).toEqual([]);
  expect(takesPartInErasure('projects', withErasure)).toBe(true);
});

/** The SDL without the fields of `type` except `keep`. */
function withoutFields(sdl: string, type: string, keep: string[] = []): string {
  return print(
    visit(parse(sdl), {
      [Kind.OBJECT_TYPE_DEFINITION]: (node) => (node.name.value === type ? { ...node, fields: node.fields?.filter((f) => keep.includes(f.name.value)) } : undefined),
    }),
  );
}

test('an erasure mutation without export, or under another subgraph’s name, fails the check too', async () => {
  const events = committedSdl(SUBGRAPHS.find((s) => s.name === 'events')!.schemaFile);
  expect(personalDataProblems('events', withoutFields(events, 'DataSubject', ['email']))).toEqual([
    expect.stringMatching(/erases personal data \(eraseDataSubjectInEvents\) but adds no field to DataSubject/),
  ]);
  expect(personalDataProblems('projects', events)).toEqual(
    expect.arrayContaining([expect.stringMatching(/^projects adds registrations, registrationMails to DataSubject/), expect.stringMatching(/declares eraseDataSubjectInEvents/)]),
  );
});
