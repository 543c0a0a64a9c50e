/** The costs: section of a scenario: defaults with their source, and clear errors (field path, line). */
import { describe, it, expect } from 'vitest';
import { parseScenarioText } from '../../src/scenario/load.js';
import { DEFAULT_ON_COST_RATE, DEFAULT_SALARY_PER_WTE_YEAR } from '../../src/scenario/costs-schema.js';
import { problemsOf, minimal } from './fixtures.js';

const problems = (text: string) => problemsOf(() => parseScenarioText(text, 'f.yaml'));

describe('costs section', () => {
  it('defaults: Agenda for Change band 5 middle point, 27.5 % on-costs, nothing else counted', () => {
    const s = parseScenarioText(minimal, 'f.yaml');
    expect(DEFAULT_SALARY_PER_WTE_YEAR).toBe(32_324);
    expect(DEFAULT_ON_COST_RATE).toBe(0.275);
    expect(s.costs).toEqual({
      salaryPerWteYear: 32_324,
      onCostRate: 0.275,
      fixedPerYear: { management: 0, premises: 0, training: 0, other: 0 },
      recruitmentPerVacancy: 0,
    });
  });

  it('a misspelt key is an error at its line', () => {
    const p = problems(`${minimal}costs:\n  salary: 30000\n`);
    expect(p[0].path).toBe('costs');
    expect(p[0].message).toMatch(/salary/);
    expect(p[0].line).toBe(9);
  });

  it('negative or absurd money is refused with the reason', () => {
    expect(problems(`${minimal}costs:\n  salaryPerWteYear: -1\n`)[0].path).toBe('costs.salaryPerWteYear');
    const big = problems(`${minimal}costs:\n  recruitmentPerVacancy: 5000000\n`)[0];
    expect(big.path).toBe('costs.recruitmentPerVacancy');
    expect(big.message).toMatch(/at most 1,000,000 pounds \(/);
    expect(problems(`${minimal}costs:\n  onCostRate: 27.5\n`)[0].message).toMatch(/0\.275 = 27\.5 %/);
    expect(problems(`${minimal}costs:\n  fixedPerYear: { premises: abc }\n`)[0].path).toBe('costs.fixedPerYear.premises');
  });

  it('a group that names no worker group is an error that lists the groups', () => {
    const p = problems(`${minimal}costs:\n  groups:\n    Senior: { salaryPerWteYear: 36483 }\n`);
    expect(p[0].path).toBe('costs.groups.Senior');
    expect(p[0].message).toMatch(/no worker group is named "Senior"; the groups are "Link worker"/);
  });
});
