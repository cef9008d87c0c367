// Pricing client with a timeout and a checked status.
export function createPricing(baseUrl: string, timeoutMs: number) {
  return {
    async reprice(sku: string): Promise<number> {
      const res = await fetch(`${baseUrl}/reprice/${encodeURIComponent(sku)}`, { method: "POST", signal: AbortSignal.timeout(timeoutMs) });
      if (!res.ok) throw new Error(`pricing answered ${res.status}`);
      const body = (await res.json()) as { price: number };
      return body.price;
    },
  };
}
