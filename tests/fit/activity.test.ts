/** The activity reader: what it accepts, and errors that name the file, line and column. */
import { describe, expect, it } from 'vitest';
import { ActivityError, readActivity } from '../../src/fit/activity.js';
import { InputError } from '../../src/scenario/errors.js';

const header = 'patient,event,date,minutes\n';
const problemsOf = (text: string) => {
  try {
    readActivity('act.csv', text);
  } catch (err) {
    expect(err).toBeInstanceOf(ActivityError);
    expect(err).toBeInstanceOf(InputError); // exit code 2 at the CLI, no stack trace
    return (err as Error).message;
  }
  throw new Error('no error');
};

describe('activity reader', () => {
  it('reads episodes: referral, wait, sessions, a missed session, discharge', () => {
    const a = readActivity(
      'act.csv',
      `${header}A,referred,2024-01-02,\nA,firstAppointment,2024-01-09,50\nA,didNotAttend,2024-01-23,\nA,followUp,2024-02-06,30\nA,discharged,2024-02-06,\nB,referred,2024-01-05,\nB,droppedOut,2024-03-01,\n`,
    );
    expect(a.dated).toBe(true);
    expect(a.episodes).toHaveLength(2);
    const [ea, eb] = a.episodes;
    expect(ea.attended).toHaveLength(2);
    expect(ea.missed).toHaveLength(1);
    expect(ea.attendedMinutes).toEqual([50, 30]);
    expect(eb.droppedOut! - eb.referred!).toBe(56);
  });

  it("reads the event log's way of a missed session: the session row at its start, didNotAttend at its end", () => {
    const a = readActivity(
      'log.csv',
      'replication,day,date,event,patient,worker,detail,minutes\n0,1.5,,referred,7,,gp,\n0,2.4,,firstAppointment,7,0,,50\n0,2.45,,didNotAttend,7,0,first,50\n0,16.4,,followUp,7,0,,55\n0,16.5,,discharged,7,0,needMet,\n1,1,,referred,9,,gp,\n',
    );
    expect(a.dated).toBe(false);
    expect(a.replication).toBe('0');
    expect(a.replicationsInFile).toBe(2);
    const [e] = a.episodes;
    expect(e.attended).toEqual([16.4]);
    expect(e.missed).toEqual([2.4]);
    expect(e.attendedMinutes).toEqual([55]);
  });

  it('names the missing required columns', () => {
    expect(problemsOf('id,what,when\n1,referred,2024-01-01\n')).toMatch(/act\.csv:1: .*no column "patient", "event", "date \(or day\)"/);
  });

  it('refuses dates that are not yyyy-mm-dd, with line and column', () => {
    expect(problemsOf(`${header}A,referred,02/01/2024,\n`)).toMatch(/act\.csv:2: column date: "02\/01\/2024" is not a date; write dates as yyyy-mm-dd/);
    expect(problemsOf(`${header}A,referred,2024-02-30,\n`)).toMatch(/act\.csv:2: column date/);
  });

  it('refuses events out of order: a first appointment before the referral', () => {
    expect(problemsOf(`${header}A,firstAppointment,2024-01-05,50\nA,referred,2024-01-09,\n`)).toMatch(
      /act\.csv:3: column event: patient A: this referral is dated after the patient's firstAppointment on line 2/,
    );
    expect(problemsOf(`${header}A,referred,2024-01-02,\nA,followUp,2024-01-09,30\n`)).toMatch(/act\.csv:3: .*followUp before any firstAppointment/);
    expect(problemsOf(`${header}A,referred,2024-01-02,\nA,discharged,2024-01-09,\nA,followUp,2024-01-20,30\n`)).toMatch(
      /act\.csv:4: .*after the episode ended/,
    );
  });

  it('refuses implausible minutes: negative, or a session over 8 hours', () => {
    expect(problemsOf(`${header}A,referred,2024-01-02,\nA,firstAppointment,2024-01-09,-5\n`)).toMatch(/act\.csv:3: column minutes: "-5" is not a length/);
    expect(problemsOf(`${header}A,referred,2024-01-02,\nA,firstAppointment,2024-01-09,3000\n`)).toMatch(
      /act\.csv:3: column minutes: a session of 3000 minutes is longer than 8 hours/,
    );
  });

  it('refuses a file that is not CSV, and an empty one', () => {
    expect(problemsOf('patient,event,date\n"A,referred,2024-01-01\n')).toMatch(/not a readable CSV file/);
    expect(problemsOf('')).toMatch(/the file is empty/);
  });

  it('skips events it does not read (worker leave, check-ins) and counts them', () => {
    const a = readActivity('act.csv', `${header}A,referred,2024-01-02,\n,leaveStarted,2024-01-03,\nA,checkIn,2024-01-04,10\n`);
    expect(a.skipped).toEqual({ leaveStarted: 1, checkIn: 1 });
  });
});
