/**
 * Polls the reporting service (its /health, whose countsMatch says the snapshot's contents
 * equal its manifest, and the overview's headline query) until stopped; every non-2xx
 * answer, network error or count mismatch is a failure.
 */
export function pollReporting(url: string, everyMs: number) {
  let requests = 0;
  let failures = 0;
  const problems: string[] = [];
  const versions = new Set<string>();
  let running = true;
  const fail = (what: string) => {
    failures++;
    if (problems.length < 20) problems.push(`reporting: ${what}`);
  };
  const loop = (async () => {
    while (running) {
      try {
        requests++;
        const health = await fetch(`${url}/health`);
        const body = (await health.json()) as { countsMatch?: boolean; snapshot?: { version: number } };
        if (!health.ok || body.countsMatch !== true) fail(`/health ${health.status} ${JSON.stringify(body).slice(0, 200)}`);
        if (body.snapshot) versions.add(String(body.snapshot.version));
        requests++;
        const q = await fetch(`${url}/api/queries/overview_headline?year_from=2021&year_to=2025&format=json`);
        const rows = (await q.json()) as { rows?: unknown[] };
        if (!q.ok || !Array.isArray(rows.rows) || rows.rows.length !== 1)
          fail(`overview_headline ${q.status} ${JSON.stringify(rows).slice(0, 200)}`);
      } catch (error) {
        fail(`request failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return { requests, failures, problems, versionsSeen: versions.size };
    },
  };
}
