// A small HTTP client over the http/https modules with callbacks (Node 0.10
// has no fetch and no URL global), behind an interface tests can fake.
import * as http from 'http';
import * as https from 'https';
import * as url from 'url';

export interface HttpRequest {
  method: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  body?: string;
  /** ms for the whole exchange */
  timeoutMs: number;
  /** bytes; a longer body fails the request */
  maxBytes?: number;
}

export interface HttpResponse {
  status: number;
  body: Buffer;
}

export interface HttpClient {
  /** Rejects on a network error, a timeout or an oversized body; any status resolves. */
  request(req: HttpRequest): Promise<HttpResponse>;
}

/** http: or https: URLs only; null for anything else. */
export function parseHttpUrl(u: string): url.Url | null {
  const p = url.parse(u);
  if ((p.protocol !== 'http:' && p.protocol !== 'https:') || !p.hostname) return null;
  return p;
}

export const nodeHttp: HttpClient = {
  request(req) {
    return new Promise<HttpResponse>((resolve, reject) => {
      const p = parseHttpUrl(req.url);
      if (!p) {
        reject(new Error(`not an http(s) URL: ${req.url}`));
        return;
      }
      const headers: Record<string, string | number> = { ...(req.headers || {}) };
      if (req.body !== undefined) headers['Content-Length'] = Buffer.byteLength(req.body, 'utf8');
      const mod = p.protocol === 'https:' ? https : http;
      let done = false;
      const finish = (e: Error | null, r?: HttpResponse): void => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        if (e) reject(e);
        else resolve(r as HttpResponse);
      };
      const r = mod.request({ method: req.method, hostname: p.hostname, port: p.port ? Number(p.port) : undefined, path: p.path || '/', headers, agent: false } as http.RequestOptions, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (req.maxBytes !== undefined && size > req.maxBytes) {
            finish(new Error(`the response is larger than ${req.maxBytes} bytes`));
            r.abort();
            return;
          }
          chunks.push(c);
        });
        res.on('end', () => finish(null, { status: res.statusCode || 0, body: Buffer.concat(chunks) }));
        res.on('error', (e: Error) => finish(e));
      });
      const timer = setTimeout(() => {
        finish(new Error(`no answer within ${req.timeoutMs}ms`));
        r.abort();
      }, req.timeoutMs);
      r.on('error', (e: NodeJS.ErrnoException) => finish(new Error(e.code ? `${e.code}${e.message.indexOf(e.code) >= 0 ? '' : ': ' + e.message}` : e.message)));
      r.end(req.body);
    });
  },
};
