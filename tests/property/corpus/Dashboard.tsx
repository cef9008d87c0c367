// Dashboard page: TSX used as a parsing corpus (JSX with expressions, generics in arrow functions,
// hooks, conditional rendering, fragments, string and template attributes, unicode ✓ 日本語 🚀).
import React, { useCallback, useEffect, useMemo, useState } from "react";

type Status = "idle" | "loading" | "error" | "ready";

interface Metric {
  name: string;
  value: number;
  unit?: string;
  trend: -1 | 0 | 1;
}

interface Props {
  title: string;
  endpoint: string;
  refreshMs?: number;
  onSelect?: (metric: Metric) => void;
}

const arrow = (trend: Metric["trend"]) => (trend > 0 ? "▲" : trend < 0 ? "▼" : "•");

function useFetch<T,>(url: string, refreshMs: number): { data: T | null; status: Status; error?: string } {
  const [data, setData] = useState<T | null>(null);
  const [status, setStatus] = useState<Status>("idle");
  const [error, setError] = useState<string>();

  useEffect(() => {
    let cancelled = false;
    const load = async () => {
      setStatus("loading");
      try {
        const res = await fetch(url, { headers: { accept: "application/json" } });
        if (!res.ok) throw new Error(`HTTP ${res.status} for ${url}`);
        const json = (await res.json()) as T;
        if (!cancelled) {
          setData(json);
          setStatus("ready");
        }
      } catch (e) {
        if (!cancelled) {
          setError(e instanceof Error ? e.message : String(e));
          setStatus("error");
        }
      }
    };
    void load();
    const timer = setInterval(load, refreshMs);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [url, refreshMs]);

  return { data, status, error };
}

export function MetricCard({ metric, onClick }: { metric: Metric; onClick?: () => void }) {
  const color = metric.trend > 0 ? "green" : metric.trend < 0 ? "crimson" : "gray";
  return (
    <button className={`card card--${metric.trend}`} onClick={onClick} aria-label={`metric ${metric.name}`}>
      <span className="card__name">{metric.name}</span>
      <strong style={{ color }}>
        {metric.value.toLocaleString()}
        {metric.unit && <small> {metric.unit}</small>}
      </strong>
      <span aria-hidden="true">{arrow(metric.trend)}</span>
    </button>
  );
}

export default function Dashboard({ title, endpoint, refreshMs = 10_000, onSelect }: Props) {
  const { data, status, error } = useFetch<Metric[]>(endpoint, refreshMs);
  const [filter, setFilter] = useState("");

  const visible = useMemo(
    () => (data ?? []).filter((m) => m.name.toLowerCase().includes(filter.trim().toLowerCase())),
    [data, filter],
  );

  const select = useCallback((m: Metric) => onSelect?.(m), [onSelect]);

  if (status === "error") {
    return <p role="alert">Could not load metrics: {error ?? "unknown error"} 😢</p>;
  }

  return (
    <>
      <header>
        <h1>{title}</h1>
        {/* Filtering happens on the client: the list is small. */}
        <input value={filter} placeholder="Filter… (例: latency)" onChange={(e) => setFilter(e.target.value)} />
      </header>
      {status === "loading" && !data ? (
        <p>Loading…</p>
      ) : (
        <section className="grid">
          {visible.map((m) => (
            <MetricCard key={m.name} metric={m} onClick={() => select(m)} />
          ))}
          {visible.length === 0 && <em>No metric matches “{filter}”.</em>}
        </section>
      )}
    </>
  );
}
