// Shared by the benchmarks: percentiles and a signed-in HTTP client.
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] as number;
}

export const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

export function client(baseUrl: string, token?: string) {
  return async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- benchmark plumbing
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as any };
  };
}

export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const res = await client(baseUrl)('POST', '/api/auth/login', { email, password });
  if (res.status !== 200) throw new Error(`sign-in as ${email} failed: ${res.status}`);
  return res.body.token as string;
}
