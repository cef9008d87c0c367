// Billing module: TypeScript used as a parsing corpus (generics, interfaces, enums, decorators-free
// classes, type guards, template literal types, satisfies, abstract classes, unicode ✓ 日本語 🚀).
import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

export enum Currency {
  EUR = "EUR",
  USD = "USD",
  JPY = "JPY",
}

export interface Money {
  readonly amount: bigint;
  readonly currency: Currency;
}

export type InvoiceId = `inv_${string}`;

export interface LineItem {
  description: string;
  unitPrice: Money;
  quantity: number;
  taxRate?: number;
}

export interface Invoice {
  id: InvoiceId;
  customer: { name: string; email: string };
  items: LineItem[];
  issuedAt: Date;
  status: "draft" | "sent" | "paid" | "void";
}

const DEFAULT_TAX = 0.2 as const;

export function money(amount: number | bigint, currency: Currency = Currency.EUR): Money {
  return { amount: BigInt(amount), currency };
}

export function isMoney(value: unknown): value is Money {
  return typeof value === "object" && value !== null && "amount" in value && "currency" in value;
}

function assertSameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) {
    throw new Error(`currency mismatch: ${a.currency} vs ${b.currency}`);
  }
}

export function add(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return { amount: a.amount + b.amount, currency: a.currency };
}

export abstract class Repository<T extends { id: string }> {
  protected readonly items = new Map<string, T>();

  abstract validate(item: T): asserts item is T;

  save(item: T): T {
    this.validate(item);
    this.items.set(item.id, item);
    return item;
  }

  find(id: string): T | undefined {
    return this.items.get(id);
  }
}

export class InvoiceRepository extends Repository<Invoice> {
  validate(invoice: Invoice): asserts invoice is Invoice {
    if (!invoice.id.startsWith("inv_")) throw new Error("bad id");
    if (invoice.items.length === 0) throw new Error(`invoice ${invoice.id} has no items`);
  }
}

export function total(invoice: Invoice): Money {
  const currency = invoice.items[0]?.unitPrice.currency ?? Currency.EUR;
  return invoice.items.reduce<Money>((sum, item) => {
    const rate = item.taxRate ?? DEFAULT_TAX;
    const net = item.unitPrice.amount * BigInt(item.quantity);
    const gross = net + (net * BigInt(Math.round(rate * 100))) / 100n;
    return add(sum, { amount: gross, currency: item.unitPrice.currency });
  }, money(0, currency));
}

export function invoiceId(seed: string): InvoiceId {
  const digest = createHash("sha256").update(seed).digest("hex").slice(0, 12);
  return `inv_${digest}`;
}

const formatters: Record<Currency, Intl.NumberFormat> = {
  [Currency.EUR]: new Intl.NumberFormat("de-DE", { style: "currency", currency: "EUR" }),
  [Currency.USD]: new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }),
  [Currency.JPY]: new Intl.NumberFormat("ja-JP", { style: "currency", currency: "JPY" }),
} satisfies Record<Currency, Intl.NumberFormat>;

export function render(invoice: Invoice): string {
  const lines = invoice.items.map(
    (i, n) => `${String(n + 1).padStart(2, "0")}. ${i.description} × ${i.quantity}`,
  );
  /* The total is formatted per currency; JPY has no minor unit. */
  const t = total(invoice);
  return [`Invoice ${invoice.id} — ${invoice.customer.name}`, ...lines, `Total: ${formatters[t.currency].format(Number(t.amount))}`].join("\n");
}

export async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  let body: Partial<Invoice> = {};
  try {
    body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Partial<Invoice>;
  } catch {
    res.writeHead(400).end("invalid JSON");
    return;
  }
  res.writeHead(200, { "content-type": "text/plain; charset=utf-8" });
  res.end(`received ${body.items?.length ?? 0} item(s) 📄`);
}
