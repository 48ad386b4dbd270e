// The routes a loaded gateway serves, for startup banners and `validate` output.
// Reads only the public metadata API through the core (no provider keys can
// appear: the listings never contain `config:`).

const decoder = new TextDecoder();
const MAX_PAGES = 1000;

async function getJson(gateway, target) {
  const res = await gateway.exchange({ method: 'GET', target, headers: [] });
  if (res.status !== 200) throw new Error(`GET ${target} answered ${res.status}`);
  return JSON.parse(decoder.decode(res.body));
}

async function listEndpoints(gateway) {
  const out = [];
  let token;
  for (let page = 0; page < MAX_PAGES; page++) {
    const query = token ? `?page_token=${encodeURIComponent(token)}` : '';
    const body = await getJson(gateway, `/api/2.0/endpoints/${query}`);
    out.push(...(body.endpoints ?? []));
    token = body.next_page_token;
    if (!token) break;
  }
  return out;
}

async function listTrafficRoutes(gateway) {
  const models = await getJson(gateway, '/v1/models');
  const names = models.data.filter((m) => m.owned_by === 'traffic-split').map((m) => m.id);
  return Promise.all(names.map((name) =>
    getJson(gateway, `/api/3.0/gateway/route/${encodeURIComponent(name)}`)));
}

/**
 * Every route of a gateway: its endpoints, then its traffic-split routes.
 * @param {{exchange: Function}} gateway a Gateway from createGateway (or anything with `exchange`)
 * @returns {Promise<Array<{name: string, type: string, provider: string, model?: string,
 *   path: string, destinations?: Array<{name: string, traffic_percentage: number}>}>>}
 */
export async function listRoutes(gateway) {
  const endpoints = (await listEndpoints(gateway)).map((e) => ({
    name: e.name,
    type: e.endpoint_type,
    provider: e.model?.provider ?? '',
    model: e.model?.name ?? undefined,
    path: `/endpoints/${e.name}/invocations`,
  }));
  const routes = (await listTrafficRoutes(gateway)).map((r) => ({
    name: r.name,
    type: r.task_type,
    provider: 'traffic-split',
    path: `/endpoints/${r.name}/invocations`,
    destinations: r.destinations,
  }));
  return [...endpoints, ...routes];
}

function describeModel(route) {
  if (route.destinations) {
    return route.destinations.map((d) => `${d.name} ${d.traffic_percentage}%`).join(', ');
  }
  return route.model ?? '';
}

/**
 * Formats routes as an aligned text table (no trailing newline), e.g.
 *
 *   NAME        TYPE         PROVIDER       MODEL
 *   chat        llm/v1/chat  mock           mock-chat
 *   chat-split  llm/v1/chat  traffic-split  chat 80%, chat-large 20%
 *
 * @param {Awaited<ReturnType<typeof listRoutes>>} routes
 * @param {{indent?: string}} [options]
 * @returns {string}
 */
export function formatRouteTable(routes, { indent = '  ' } = {}) {
  if (routes.length === 0) return `${indent}(no routes)`;
  const rows = [['NAME', 'TYPE', 'PROVIDER', 'MODEL'],
    ...routes.map((r) => [r.name, r.type, r.provider, describeModel(r)])];
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((row) => row[i].length)));
  return rows.map((row) => indent + row.map((cell, i) => (i < 3 ? cell.padEnd(widths[i]) : cell))
    .join('  ').trimEnd()).join('\n');
}
