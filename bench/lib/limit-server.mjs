// The limit for the single-subgraph query: the same SQL statement the partners subgraph runs for
// `partners(first, after) { totalCount nodes { id name slug kind city } }`, served over HTTP by a
// minimal handler on `pg` (no GraphQL, no ORM, no auth). Answers the same JSON shape, so the load is
// the same; what the subgraph reaches of this handler's throughput is its share of the possible.
// Env: PORT, DATABASE_URL, DATABASE_POOL_SIZE.
import http from 'node:http';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { Pool } = require('pg');

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DATABASE_POOL_SIZE ?? 20) });

// Taken from pg_stat_statements while the subgraph answered the query (TypeORM's text, all columns).
const COLUMNS = `"p"."id" AS "p_id", "p"."created_at" AS "p_created_at", "p"."updated_at" AS "p_updated_at", "p"."version" AS "p_version",
  "p"."slug" AS "p_slug", "p"."name" AS "p_name", "p"."short_name" AS "p_short_name", "p"."kind" AS "p_kind",
  "p"."description" AS "p_description", "p"."website" AS "p_website", "p"."email" AS "p_email", "p"."phone" AS "p_phone",
  "p"."postal_code" AS "p_postal_code", "p"."city" AS "p_city", "p"."street" AS "p_street", "p"."region_code" AS "p_region_code",
  "p"."languages" AS "p_languages", "p"."target_groups" AS "p_target_groups", "p"."logo_url" AS "p_logo_url",
  "p"."member_since" AS "p_member_since", "p"."status" AS "p_status"`;
// The kit's paginate: one statement, the page with the count of the whole list as a column.
const TOTAL = `(SELECT count(*) FROM "partner" "p" WHERE "p"."status" = $1) AS "page_total_count"`;
const FIRST_PAGE = `SELECT ${COLUMNS}, ${TOTAL} FROM "partner" "p" WHERE "p"."status" = $1 ORDER BY p.name ASC, p.id ASC LIMIT $2`;
const NEXT_PAGE = `SELECT ${COLUMNS}, ${TOTAL} FROM "partner" "p" WHERE "p"."status" = $1 AND (((p.name > $2) OR (p.name = $2 AND p.id > $3::uuid))) ORDER BY p.name ASC, p.id ASC LIMIT $4`;
const COUNT = `SELECT count(*) AS "page_total_count" FROM "partner" "p" WHERE "p"."status" = $1`;

async function answer(body) {
  const { variables = {} } = JSON.parse(body);
  const first = variables.first ?? 20;
  const after = variables.after ? JSON.parse(Buffer.from(variables.after, 'base64url').toString('utf8')) : null;
  const page = after
    ? await pool.query({ name: 'next', text: NEXT_PAGE, values: ['PUBLISHED', after[0], after[1], first + 1] })
    : await pool.query({ name: 'first', text: FIRST_PAGE, values: ['PUBLISHED', first + 1] });
  // An empty page (after the last cursor) has no row to carry the count: a second statement, as in the kit.
  const total = page.rows.length ? page.rows[0].page_total_count : (await pool.query({ name: 'count', text: COUNT, values: ['PUBLISHED'] })).rows[0].page_total_count;
  const nodes = page.rows.slice(0, first).map((r) => ({ id: r.p_id, name: r.p_name, slug: r.p_slug, kind: r.p_kind, city: r.p_city }));
  return { data: { partners: { totalCount: Number(total), nodes } } };
}

http
  .createServer((req, res) => {
    if (req.method === 'GET') return void res.end('ok');
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      answer(Buffer.concat(chunks).toString('utf8')).then(
        (result) => {
          const json = JSON.stringify(result);
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
          res.end(json);
        },
        (e) => {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ errors: [{ message: String(e.message) }] }));
        },
      );
    });
  })
  .listen(Number(process.env.PORT), '127.0.0.1');
