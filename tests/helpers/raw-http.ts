/** Raw HTTP over a socket, for what `app.fetch` cannot send (an invalid Host header, a slow client). */
import { connect } from 'node:net';

export interface RawAnswer {
  /** Everything the server sent before it closed the connection. */
  readonly text: string;
  readonly status: number | null;
  readonly headers: ReadonlyMap<string, string>;
  readonly body: string;
}

export function parseAnswer(text: string): RawAnswer {
  const end = text.indexOf('\r\n\r\n');
  const head = end === -1 ? text : text.slice(0, end);
  const [statusLine = '', ...lines] = head.split('\r\n');
  const status = /^HTTP\/1\.[01] (\d{3})/u.exec(statusLine)?.[1];
  const headers = new Map(
    lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
  );
  return {
    text,
    status: status === undefined ? null : Number(status),
    headers,
    body: end === -1 ? '' : text.slice(end + 4),
  };
}

/** Sends `request` as it is and returns what comes back until the server closes the connection. */
export function rawRequest(port: number, request: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    let text = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      text += chunk;
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(parseAnswer(text)));
  });
}
