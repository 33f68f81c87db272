// The server's JSON API (docs/api.md). Every call sends the bearer token when one is set, so the
// page works against a server started with --token-file; the event stream is read with fetch for
// the same reason (EventSource cannot send headers).
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

let token = sessionStorage.getItem('gw-token') || '';
export function setToken(t) {
  token = t;
  sessionStorage.setItem('gw-token', t);
}
export function getToken() {
  return token;
}

function headers(extra = {}) {
  return token ? { ...extra, Authorization: `Bearer ${token}` } : extra;
}

async function check(res) {
  if (res.ok) return res;
  let code = 'error';
  let message = `HTTP ${res.status}`;
  try {
    const b = await res.json();
    code = b.code || code;
    message = b.message || message;
  } catch {
    // not JSON: keep the status
  }
  throw new ApiError(res.status, code, message);
}

export async function getJson(path) {
  return (await check(await fetch(path, { headers: headers() }))).json();
}

export async function postJson(path, body) {
  const res = await fetch(path, {
    method: 'POST',
    headers: headers({ 'Content-Type': 'application/json' }),
    body: JSON.stringify(body),
  });
  return (await check(res)).json();
}

// Uploads a scenario: one JSON file as the body, or the JSON and its layer files as multipart.
export async function uploadScenario(files) {
  if (files.length === 1 && files[0].name.toLowerCase().endsWith('.zip')) {
    // A ZIP of the scenario and its layers: the server unpacks it (docs/api.md).
    const res = await fetch('/api/v1/scenarios', {
      method: 'POST',
      headers: headers({ 'Content-Type': 'application/zip' }),
      body: files[0],
    });
    return (await check(res)).json();
  }
  const json = files.filter((f) => f.name.toLowerCase().endsWith('.json'));
  if (json.length !== 1) {
    throw new ApiError(400, 'invalid_input', 'choose exactly one scenario .json file (and its layer files), or one .zip of them');
  }
  let res;
  if (files.length === 1) {
    res = await fetch('/api/v1/scenarios', {
      method: 'POST',
      headers: headers({ 'Content-Type': 'application/json' }),
      body: await json[0].text(),
    });
  } else {
    const form = new FormData();
    form.append('scenario', json[0], 'scenario.json');
    for (const f of files) if (f !== json[0]) form.append('layer', f, f.name);
    res = await fetch('/api/v1/scenarios', { method: 'POST', headers: headers(), body: form });
  }
  return (await check(res)).json();
}

// Streams a job's Server-Sent Events; calls onEvent(type, data) per event until `end` or abort.
export async function streamEvents(jobId, onEvent, signal) {
  const res = await check(
    await fetch(`/api/v1/jobs/${jobId}/events`, { headers: headers({ Accept: 'text/event-stream' }), signal }),
  );
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buf = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buf += decoder.decode(value, { stream: true });
    let cut;
    while ((cut = buf.indexOf('\n\n')) >= 0) {
      const block = buf.slice(0, cut);
      buf = buf.slice(cut + 2);
      let type = 'message';
      let data = '';
      for (const line of block.split('\n')) {
        if (line.startsWith('event: ')) type = line.slice(7);
        else if (line.startsWith('data: ')) data += line.slice(6);
      }
      if (!data) continue;
      const parsed = JSON.parse(data);
      onEvent(type, parsed);
      if (type === 'end') {
        reader.cancel().catch(() => {});
        return;
      }
    }
  }
}
