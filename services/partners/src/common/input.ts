import { badInput } from '@mitgen/subgraph-kit';

/** BAD_USER_INPUT for fields given as null that cannot be empty (left out means "unchanged"). */
export function rejectNulls<T extends object>(input: T, fields: readonly (keyof T & string)[]): void {
  for (const field of fields) if (input[field] === null) throw badInput(`${field} cannot be null (leave it out to keep it)`, field);
}
