// Hive Gateway with the Rust query planner (@graphql-hive/router-runtime) instead of its JavaScript
// one; the benchmark starts `hive-gateway` in this folder, which reads this file.
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';

export const gatewayConfig = { unifiedGraphHandler };
