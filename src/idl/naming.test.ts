import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyNaming } from './naming.ts';
import { statusCode } from './statuses.ts';

describe('naming methods', () => {
  const CASES: [Parameters<typeof applyNaming>[0], string][] = [
    ['standard', 'TrainingPlan'],
    ['lowercase', 'trainingplan'],
    ['uppercase', 'TRAININGPLAN'],
    ['underscore', 'Training_Plan'],
    ['underscoreLowercase', 'training_plan'],
    ['underscoreUppercase', 'TRAINING_PLAN'],
    ['dashesLowercase', 'training-plan'],
    ['dashesUppercase', 'TRAINING-PLAN'],
  ];
  for (const [method, out] of CASES) it(`${method}: TrainingPlan → ${out}`, () => assert.equal(applyNaming(method, 'TrainingPlan'), out));
  it('splits acronyms as words', () => assert.equal(applyNaming('dashesLowercase', 'HTTPServer2Log'), 'http-server2-log'));
});

describe('status names', () => {
  it('reads standard names and numbers', () => {
    assert.equal(statusCode('OK'), 200);
    assert.equal(statusCode('NOT_FOUND'), 404);
    assert.equal(statusCode('CREATED'), 201);
    assert.equal(statusCode('NO_CONTENT'), 204);
    assert.equal(statusCode('UNPROCESSABLE_ENTITY'), 422);
    assert.equal(statusCode('404'), 404);
    assert.equal(statusCode('TEAPOTS'), undefined);
    assert.equal(statusCode('999'), undefined);
  });
});
