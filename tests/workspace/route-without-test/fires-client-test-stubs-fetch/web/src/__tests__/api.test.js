import { describe, expect, it, vi } from 'vitest';
import { listRobots } from '../api';

// A client test: fetch is stubbed, no server route is requested.
describe('listRobots', () => {
  it('calls the robots endpoint', async () => {
    globalThis.fetch = vi.fn().mockResolvedValue({ json: () => Promise.resolve([]) });
    await listRobots();
    expect(fetch).toHaveBeenCalledWith('/robots');
  });
});
