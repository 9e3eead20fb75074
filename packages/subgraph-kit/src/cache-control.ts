import type { ApolloServerPlugin } from '@apollo/server';
import type { SubgraphContext } from './context';

/**
 * Marks every answer to a caller with a principal (account or API key) PRIVATE, whatever the
 * `@cacheControl` hints say, so no router or CDN in front of a subgraph shares it with others.
 * Apollo Server's cache-control plugin (on by default) turns the hints into the `Cache-Control`
 * header after execution; this narrows the policy just before.
 */
export function privateAnswersForPrincipals(): ApolloServerPlugin<SubgraphContext> {
  return {
    async requestDidStart({ contextValue }) {
      if (contextValue.principal.role === 'ANONYMOUS') return;
      return {
        async executionDidStart({ overallCachePolicy }) {
          return {
            async executionDidEnd() {
              overallCachePolicy.restrict({ scope: 'PRIVATE' });
            },
          };
        },
      };
    },
  };
}
