// zonecfg `remove`: whole resources in the global scope, properties, rctl
// values and fs options inside a resource scope.
import type { FsRes, NetRes, Rctl } from '../state.ts';
import type { Cmd } from './zonecfg-lex.ts';
import { RES_TYPES, applyCaps, capsOf, listOf } from './zonecfg-res.ts';
import type { ResType } from './zonecfg-res.ts';
import { matches, need, scopeErr } from './zonecfg-session.ts';
import type { Session } from './zonecfg-session.ts';

export function remove(se: Session, c: Cmd): string | undefined {
  const sc = se.scope;
  const [w0] = c.words;
  if (sc) {
    if (w0 === 'property' && (sc.type === 'net' || sc.type === 'device')) {
      const p = c.vals[0];
      const want = p?.t === 'complex' ? Object.fromEntries(p.pairs) : {};
      const res = sc.res as NetRes;
      res.properties = res.properties.filter((x) => !(x.name === want['name'] && (want['value'] === undefined || x.value === want['value'])));
      return undefined;
    }
    if (w0 === 'value' && sc.type === 'rctl') {
      const p = c.vals[0];
      const want = p?.t === 'complex' ? Object.fromEntries(p.pairs) : {};
      const r = sc.res as Rctl;
      r.values = r.values.filter((v) => !(v.priv === want['priv'] && v.limit === want['limit'] && v.action === want['action']));
      return undefined;
    }
    if (w0 === 'options' && sc.type === 'fs') {
      const gone = new Set(c.vals[0]?.t === 'list' ? c.vals[0].items : c.words.slice(1));
      const f = sc.res as FsRes;
      f.options = f.options.filter((o) => !gone.has(o));
      return undefined;
    }
    return scopeErr('remove', 'global');
  }
  const cfg = need(se);
  if (typeof cfg === 'string') return cfg;
  const type = w0 as ResType;
  if (!RES_TYPES.includes(type)) return 'syntax error';
  const force = c.flags.some((f) => f.includes('F'));
  if (type === 'capped-memory' || type === 'capped-cpu') {
    if (!capsOf(cfg, type)) return `${type}: No such resource with that id`;
    applyCaps({ type, res: {} }, cfg);
    se.dirty = true;
    return undefined;
  }
  const list = listOf(cfg, type);
  const hits = list.map((_, i) => i).filter((i) => matches(type, list[i], c.assigns));
  if (hits.length === 0) return `${type}: No such resource with that id`;
  if (hits.length > 1 && c.assigns.length > 0) return `${type}: Insufficient specification`;
  if (hits.length > 1 && !force) return `Input not from terminal and -F not specified:\nremove command ignored, exiting.`;
  const keep = (_: unknown, i: number): boolean => !hits.includes(i);
  if (type === 'net') cfg.nets = cfg.nets.filter(keep);
  else if (type === 'device') cfg.devices = cfg.devices.filter(keep);
  else if (type === 'rctl') cfg.rctls = cfg.rctls.filter(keep);
  else if (type === 'attr') cfg.attrs = cfg.attrs.filter(keep);
  else if (type === 'fs') cfg.fs = cfg.fs.filter(keep);
  else if (type === 'dataset') cfg.datasets = cfg.datasets.filter(keep);
  se.dirty = true;
  return undefined;
}

