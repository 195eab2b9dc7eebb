import { describe, expect, it } from 'vitest';
import {
  agentsForResponseLevel,
  agentsForServiceLevel,
  cohensKappa,
  erlangC,
  erlangMeanWait,
  erlangResponseLevel,
  erlangServiceLevel,
  funnelLimits,
  funnelZone,
  nearestRankPercentile,
  percentile,
} from './stats';

describe("Cohen's kappa", () => {
  // Wikipedia, "Cohen's kappa", worked example: 50 grant proposals read by readers A and B;
  // both yes 20, A yes B no 5, A no B yes 10, both no 15: po = 0.7, pe = 0.5, κ = 0.4.
  it('matches the published two-reader example', () => {
    const k = cohensKappa([
      [20, 5],
      [10, 15],
    ]);
    expect(k.n).toBe(50);
    expect(k.observed).toBeCloseTo(0.7, 10);
    expect(k.expected).toBeCloseTo(0.5, 10);
    expect(k.kappa).toBeCloseTo(0.4, 10);
  });

  it('is 1 for perfect agreement and undefined when both readers use one category', () => {
    expect(
      cohensKappa([
        [3, 0, 0],
        [0, 4, 0],
        [0, 0, 5],
      ]).kappa,
    ).toBeCloseTo(1, 10);
    expect(
      cohensKappa([
        [9, 0],
        [0, 0],
      ]).kappa,
    ).toBeNull();
    expect(() => cohensKappa([[1, 2]])).toThrow(/square/);
  });
});

describe('percentiles', () => {
  // Wikipedia, "Percentile": the list 15, 20, 35, 40, 50. Nearest rank: P5 = 15, P30 = 20,
  // P40 = 20, P50 = 35, P100 = 50. Linear interpolation between closest ranks with C = 1
  // (Hyndman & Fan type 7, R's default, Excel PERCENTILE.INC): P40 = 29.
  const list = [15, 20, 35, 40, 50];

  it('nearest rank matches the published example', () => {
    expect([5, 30, 40, 50, 100].map((p) => nearestRankPercentile(list, p))).toEqual([
      15, 20, 20, 35, 50,
    ]);
  });

  it('linear interpolation (type 7) matches the published example', () => {
    expect(percentile(list, 40)).toBeCloseTo(29, 10);
    expect(percentile(list, 0)).toBe(15);
    expect(percentile(list, 100)).toBe(50);
    expect(percentile(list, 50)).toBe(35);
    // Order of the input does not matter; an empty list has no percentile.
    expect(percentile([50, 15, 40, 20, 35], 90)).toBeCloseTo(46, 10);
    expect(percentile([], 95)).toBeNull();
  });
});

describe('funnel-plot limits', () => {
  // Spiegelhalter, Stat Med 2005;24:1185–1202, normal approximation: p0 ± z·√(p0(1−p0)/n).
  // Target 10 % at n = 100: SD = 0.03; 95 % limits 0.1 ± 1.96·0.03 = [0.0412, 0.1588];
  // 99.8 % limits 0.1 ± 3.09·0.03 = [0.0073, 0.1927].
  it('matches the limits worked by hand from the published formula', () => {
    const l = funnelLimits(0.1, 100);
    expect(l.lower95).toBeCloseTo(0.0412, 4);
    expect(l.upper95).toBeCloseTo(0.1588, 4);
    expect(l.lower998).toBeCloseTo(0.0073, 4);
    expect(l.upper998).toBeCloseTo(0.1927, 4);
  });

  it('narrows with volume, clips to [0, 1] and classifies units', () => {
    expect(funnelLimits(0.1, 1000).upper95).toBeLessThan(funnelLimits(0.1, 100).upper95);
    expect(funnelLimits(0.02, 10).lower998).toBe(0);
    const l = funnelLimits(0.1, 100);
    expect(funnelZone(0.1, l)).toBe('within');
    expect(funnelZone(0.17, l)).toBe('above95');
    expect(funnelZone(0.25, l)).toBe('above998');
    expect(funnelZone(0.03, l)).toBe('below95');
    expect(funnelZone(0.0, l)).toBe('below998');
  });
});

describe('Erlang C', () => {
  // Call Centre Helper, "Erlang C Formula – Made Simple With an Easy Worked Example": 100 calls
  // in 30 minutes, average handling time 180 s, so A = 10 Erlangs; target 80 % answered within
  // 20 s. With 11 agents the probability of waiting is 68.21 % and the service level 39.0 %;
  // 14 agents are the fewest to reach the target, at 88.8 %.
  it('matches the published call-centre example', () => {
    expect(erlangC(11, 10)).toBeCloseTo(0.6821, 4);
    expect(erlangServiceLevel(11, 10, 20, 180)).toBeCloseTo(0.39, 2);
    expect(erlangServiceLevel(14, 10, 20, 180)).toBeCloseTo(0.888, 3);
    expect(agentsForServiceLevel(10, 20, 180, 0.8)).toBe(14);
  });

  it('is certain waiting for an unstable queue and stays finite for large centres', () => {
    expect(erlangC(10, 10)).toBe(1);
    expect(erlangMeanWait(10, 12, 5)).toBe(Infinity);
    // Hundreds of servers: the recursion does not overflow where factorials would.
    const c = erlangC(400, 380);
    expect(c).toBeGreaterThan(0);
    expect(c).toBeLessThan(1);
    // Mean wait C·s/(N − A) with 11 agents: 0.6821 · 180 / 1 ≈ 122.8 s.
    expect(erlangMeanWait(11, 10, 180)).toBeCloseTo(122.8, 1);
  });
});

describe('Erlang C turnaround (wait plus service)', () => {
  // M/M/1 (Kleinrock, Queueing Systems I, §3.2): the time in system is exponential with rate
  // μ − λ. Three reads an hour taking 12 min on average: μ − λ = 1/12 − 1/20 = 1/30 per minute,
  // so P(T > 60 min) = e^(−2) ≈ 0.1353.
  it('reduces to the M/M/1 time in system with one reader', () => {
    expect(erlangResponseLevel(1, 0.6, 60, 12)).toBeCloseTo(1 - Math.exp(-2), 10);
  });

  it('is continuous where the wait and service rates meet (N − A = 1)', () => {
    const at = erlangResponseLevel(3, 2, 30, 10);
    expect(erlangResponseLevel(3, 2 + 1e-6, 30, 10)).toBeCloseTo(at, 6);
    expect(erlangResponseLevel(3, 2 - 1e-6, 30, 10)).toBeCloseTo(at, 6);
  });

  it('is never better than answering within the time, nor than the read alone', () => {
    // The call-centre example above: 10 Erlangs, 180 s handling, 14 agents.
    const turnaround = erlangResponseLevel(14, 10, 600, 180);
    expect(turnaround).toBeLessThan(erlangServiceLevel(14, 10, 600, 180));
    expect(turnaround).toBeLessThan(1 - Math.exp(-600 / 180));
    expect(turnaround).toBeGreaterThan(0.9);
  });

  it('staffs to the fewest readers that reach the target, or says none can', () => {
    // 6 reads an hour of 10 min (A = 1): one reader is unstable (N = A). Two: C = 1/3 and
    // θ = μ = 1/10, so P(T > 60) = (2/3)·e^(−6) + (1/3)·7·e^(−6) = 3e^(−6) ≈ 0.0074.
    const n = agentsForResponseLevel(1, 60, 10, 0.95)!;
    expect(erlangResponseLevel(n, 1, 60, 10)).toBeGreaterThanOrEqual(0.95);
    expect(erlangResponseLevel(n - 1, 1, 60, 10)).toBeLessThan(0.95);
    expect(n).toBe(2);
    expect(erlangResponseLevel(2, 1, 60, 10)).toBeCloseTo(1 - 3 * Math.exp(-6), 10);
    expect(agentsForResponseLevel(0, 60, 10, 0.95)).toBe(0);
    // Reads of 20 min on average: only 1 − e^(−3) ≈ 95.02 % end within the hour even unqueued.
    expect(agentsForResponseLevel(2, 60, 20, 0.96)).toBeNull();
  });
});
