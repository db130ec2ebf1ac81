import Graph from 'graphology';
import louvain from 'graphology-communities-louvain';
import { seededRandom } from './rng';
import type { Link } from './types';

/** A latent network found in the association graph. */
export interface Network {
  /** 1-based, largest network first. */
  id: number;
  members: string[];
  size: number;
  /** Sum of the weights of links between members. */
  internalWeight: number;
  /** Sum of the weights of links from members to outside. */
  externalWeight: number;
}

export interface NetworksResult {
  networks: Network[];
  modularity: number;
}

/**
 * Finds latent networks (communities) in the association graph with Louvain, for analysts to
 * review. Repeated pairs add up their weights; detainees without links are not listed.
 * `resolution` above 1 finds smaller networks. Deterministic for a seed.
 *
 * @example
 * const { networks } = findNetworks(instance.links, { resolution: 1, seed: 7 });
 * networks[0]; // { id: 1, members: ['D1', 'D2', ...], size: 38, internalWeight: 24.6, externalWeight: 1.2 }
 */
export function findNetworks(
  links: Link[],
  options: { resolution?: number; seed?: number; minSize?: number } = {},
): NetworksResult {
  const g = new Graph({ type: 'undirected', multi: false, allowSelfLoops: false });
  for (const l of links) {
    if (l.a === l.b) continue;
    g.mergeNode(l.a);
    g.mergeNode(l.b);
    g.updateEdge(l.a, l.b, (attr) => ({ weight: ((attr.weight as number | undefined) ?? 0) + l.weight }));
  }
  if (g.order === 0) return { networks: [], modularity: 0 };
  const res = louvain.detailed(g, {
    resolution: options.resolution ?? 1,
    rng: seededRandom(options.seed ?? 1),
    getEdgeWeight: 'weight',
  });
  const groups = new Map<number, string[]>();
  g.forEachNode((n) => {
    const c = res.communities[n];
    let list = groups.get(c);
    if (!list) groups.set(c, (list = []));
    list.push(n);
  });
  const internal = new Map<number, number>(),
    external = new Map<number, number>();
  g.forEachEdge((_e, attr, s, t) => {
    const cs = res.communities[s],
      ct = res.communities[t];
    const w = attr.weight as number;
    if (cs === ct) internal.set(cs, (internal.get(cs) ?? 0) + w);
    else {
      external.set(cs, (external.get(cs) ?? 0) + w);
      external.set(ct, (external.get(ct) ?? 0) + w);
    }
  });
  const r2 = (x: number) => Math.round(x * 100) / 100;
  const networks = [...groups]
    .filter(([, m]) => m.length >= (options.minSize ?? 1))
    .map(([c, members]) => ({
      c,
      members: members.sort(),
      internalWeight: r2(internal.get(c) ?? 0),
      externalWeight: r2(external.get(c) ?? 0),
    }))
    .sort(
      (a, b) =>
        b.members.length - a.members.length ||
        b.internalWeight - a.internalWeight ||
        (a.members[0] < b.members[0] ? -1 : 1),
    )
    .map((n, i) => ({
      id: i + 1,
      members: n.members,
      size: n.members.length,
      internalWeight: n.internalWeight,
      externalWeight: n.externalWeight,
    }));
  return { networks, modularity: res.modularity };
}
